using System.Collections.Immutable;
using Telc.Model;
using Telc.Spec;

namespace Telc.Emit.Grafana;

/// <summary>The dashboards a Grafana of a cluster shows, by folder.</summary>
public static class GrafanaDashboards
{
    public static ImmutableArray<DashboardFolder> For(ClusterPlan cluster, Resource grafana, EmitContext context) => [];
}
