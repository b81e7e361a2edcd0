using System.Collections.Immutable;
using Telc.Lowering;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Dashboards;

/// <summary>
/// The views a dashboard is shown in: one per Grafana and cluster that shows it (a preset's, in the clusters that switch it on). With no Grafana in the spec, one of
/// every store that can be a data source, so queries are still checked.
/// </summary>
public static class DashboardViews
{
    public static IReadOnlyList<DashboardView> Of(SpecModel model, Resource resource, DashboardSpec dashboard)
    {
        var clusters = model.OfKind<ClusterSpec>().Select(c => c.Resource.Name).Where(resource.AppliesTo).ToArray();
        var grafanas = model.OfKind<BackendSpec>().Where(b => b.Spec.Grafana is not null && (dashboard.Grafana is null || dashboard.Grafana.Value == b.Resource.Name)).ToArray();
        var views = grafanas
            .SelectMany(g => clusters.Where(c => ClusterLowering.AppliesTo(g.Spec.Clusters, c)).Select(c => new DashboardView(c, GrafanaDatasources.Read(model, g.Spec.Grafana!, c))))
            .Where(v => Shows(resource, dashboard, v.Reads.Select(r => r.Backend)))
            .ToArray();
        return views.Length > 0 || resource.Origin is not null
            ? views
            : [new DashboardView(null, [.. model.OfKind<BackendSpec>().Where(b => b.Spec.External is null && BackendTypes.Serves(BackendTypes.TypeOf(b.Spec), BackendUse.Datasource))
                .OrderBy(b => b.Resource.Name, StringComparer.Ordinal).Select(b => (b.Resource, b.Spec))])];
    }

    /// <summary>
    /// Whether a Grafana reading these backends shows the dashboard: a preset's only where it reads the Prometheus the
    /// preset's metrics go to, since on another its panels would stay empty.
    /// </summary>
    public static bool Shows(Resource resource, DashboardSpec dashboard, IEnumerable<Resource> reads) =>
        resource.Origin is null || reads.Any(r => r.Name == dashboard.Datasource?.Value);
}
