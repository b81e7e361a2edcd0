using System.Collections.Immutable;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Lowering;

/// <summary>
/// Lowers a checked spec to one <see cref="ClusterPlan"/> per cluster, each section by its own lowering (metrics,
/// routing). Pure: the model in, plans out.
/// </summary>
public static class ClusterLowering
{
    public static ImmutableArray<ClusterPlan> Lower(SpecModel model)
    {
        var ruleGroups = RuleGroupLowering.ByBackend(model);
        var dashboards = new DashboardLowering(model);
        return [.. model.OfKind<ClusterSpec>().OrderBy(c => c.Resource.Name, StringComparer.Ordinal).Select(c => LowerCluster(model, c.Resource, c.Spec, ruleGroups, dashboards))];
    }

    private static ClusterPlan LowerCluster(SpecModel model, Resource cluster, ClusterSpec spec, ILookup<string, RuleGroupPlan> ruleGroups, DashboardLowering dashboards)
    {
        var defaults = model.Project?.Defaults;
        var name = cluster.Name;
        var backends = model.OfKind<BackendSpec>().Where(b => AppliesTo(b.Spec.Clusters, name)).OrderBy(b => b.Resource.Name, StringComparer.Ordinal).ToArray();
        var pipelines = model.OfKind<MetricPipelineSpec>().Where(p => AppliesTo(p.Spec.Clusters, name)).OrderBy(p => p.Resource.Name, StringComparer.Ordinal).ToArray();
        var ns = spec.Namespace ?? defaults?.Namespace ?? "telemetry";
        ruleGroups = ruleGroups.SelectMany(g => g.Where(p => p.Group.AppliesTo(name)).Select(p => (Backend: g.Key, Plan: p))).ToLookup(g => g.Backend, g => g.Plan, StringComparer.Ordinal);
        var routing = RoutingLowering.Lower(model, backends);
        var metrics = MetricsLowering.Lower(model, spec, ns, backends, pipelines, routing, ruleGroups);
        var labels = spec.ExternalLabels.ContainsKey("cluster") ? spec.ExternalLabels : spec.ExternalLabels.Add("cluster", name);
        var collectors = CollectorsLowering.Lower(model, name, ns, metrics);
        var grafanas = GrafanaLowering.Lower(model, name, backends);
        return new ClusterPlan(cluster, name, ns, spec.Environment.Value, model.TierOf(spec.Environment.Value) ?? EnvironmentTier.Production, spec.Platform, labels,
            metrics, routing, collectors, StoresLowering.Lower(model, name, spec, ns, backends, metrics, routing, ruleGroups, collectors),
            grafanas, dashboards.Lower(name, grafanas));
    }

    internal static bool AppliesTo(ImmutableArray<Located<string>> clusters, string cluster) =>
        clusters.IsDefaultOrEmpty || clusters.Any(c => c.Value == cluster);

    /// <summary>Object names say what runs and which backend it is: prometheus-metrics, alertmanager-alerts.</summary>
    public static string ObjectName(string type, string backend) => backend == type || backend.StartsWith(type + "-", StringComparison.Ordinal) ? backend : $"{type}-{backend}";
}
