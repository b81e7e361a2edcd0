using System.Collections.Immutable;
using Telc.Dashboards;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Lowering;

/// <summary>
/// The dashboards each Grafana deployed to a cluster provisions: every Dashboard document that names it or names
/// none, rendered against the data sources that Grafana reads there. A dashboard is rendered once per distinct set of
/// data sources, however many clusters share it.
/// </summary>
public sealed class DashboardLowering(SpecModel model)
{
    /// <summary>The folder of dashboards no team owns.</summary>
    public const string PlatformFolder = "Platform";

    private readonly Dictionary<(Resource, string), DashboardPlan> rendered = [];

    /// <param name="cluster">The cluster: a preset's dashboards go only to the clusters that switch it on.</param>
    /// <param name="grafanas">The cluster's Grafanas with the backends each reads there.</param>
    public ImmutableArray<DashboardPlan> Lower(string cluster, ImmutableArray<GrafanaPlan> grafanas)
    {
        var plans = ImmutableArray.CreateBuilder<DashboardPlan>();
        foreach (var (grafana, datasources) in grafanas.Select(g => (g.Backend, g.Datasources)))
        {
            var reads = datasources.Select(d => (d, (BackendSpec)d.Spec)).ToImmutableArray();
            var readsKey = grafana.Name + "\n" + string.Join('\n', datasources.Select(d => d.Name));
            foreach (var (resource, spec) in model.OfKind<DashboardSpec>().Where(d => d.Resource.AppliesTo(cluster) && (d.Spec.Grafana is null || d.Spec.Grafana.Value == grafana.Name)
                && DashboardViews.Shows(d.Resource, d.Spec, datasources)))
            {
                if (rendered.TryGetValue((resource, readsKey), out var plan))
                {
                    plans.Add(plan);
                }
                else if (DashboardSources.Read(model, resource, spec, []) is { } content)
                {
                    var resolver = new DatasourceResolver(reads, spec.Datasource?.Value, content.Variables);
                    plan = new DashboardPlan(resource, grafana.Name, spec.Folder ?? resource.Metadata.Team?.Value ?? PlatformFolder, DashboardDocument.Uid(resource),
                        Output.CanonicalJsonWriter.Write(DashboardDocument.Render(resource, spec, content, resolver)));
                    rendered[(resource, readsKey)] = plan;
                    plans.Add(plan);
                }
            }
        }

        return plans.ToImmutable();
    }
}
