using System.Collections.Immutable;

namespace Telc.Model;

/// <summary>A cluster's metrics: its Prometheus servers (what they scrape, evaluate and ship) and the node agents they scrape.</summary>
public sealed record MetricsPlan(ImmutableArray<PrometheusPlan> Prometheuses, NodeAgentPlan? NodeExporter, NodeAgentPlan? KubeStateMetrics);
