using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Model;

/// <summary>
/// Everything rendered for one cluster: the IR the emitters turn into files, one section per signal or concern, each
/// lowered in a file of its own. A new kind of output adds a section, not a slot in this record's middle.
/// </summary>
/// <param name="Tier">What the cluster's environment is, which decides how strictly it is held (policies, diff's risk classes).</param>
public sealed record ClusterPlan(
    Resource Cluster,
    string Name,
    string Namespace,
    string Environment,
    EnvironmentTier Tier,
    Platform Platform,
    ImmutableSortedDictionary<string, string> ExternalLabels,
    MetricsPlan Metrics,
    RoutingPlan Routing,
    CollectorsPlan Collectors,
    StoresPlan Stores,
    ImmutableArray<GrafanaPlan> Grafanas,
    ImmutableArray<DashboardPlan> Dashboards);
