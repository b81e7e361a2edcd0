using System.Collections.Immutable;

namespace Telc.Model;

/// <summary>A cluster's metrics: its Prometheus servers (what they scrape, evaluate and ship) and the node agents they scrape.</summary>
public sealed record MetricsPlan(ImmutableArray<PrometheusPlan> Prometheuses, NodeAgentPlan? NodeExporter, NodeAgentPlan? KubeStateMetrics)
{
    /// <summary>
    /// The Prometheus that receives what telc's own components write (metrics derived from logs, the results of Loki
    /// recording rules) and that scrapes them: the first by name that telc runs itself, not the Prometheus Operator.
    /// </summary>
    public PrometheusPlan? ComponentStore => Prometheuses.FirstOrDefault(p => !p.Spec.Operator);
}
