using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Model;

/// <summary>Everything rendered for one cluster: the IR the emitters turn into files.</summary>
public sealed record ClusterPlan(
    Resource Cluster,
    string Name,
    string Namespace,
    string Environment,
    Platform Platform,
    ImmutableSortedDictionary<string, string> ExternalLabels,
    ImmutableArray<PrometheusPlan> Prometheuses,
    ImmutableArray<AlertmanagerPlan> Alertmanagers,
    NodeAgentPlan? NodeExporter,
    NodeAgentPlan? KubeStateMetrics);
