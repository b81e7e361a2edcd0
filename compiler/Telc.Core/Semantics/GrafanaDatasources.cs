using System.Collections.Immutable;
using Telc.Lowering;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>
/// The backends a Grafana reads in a cluster: those its datasources list names, else every store deployed to the
/// cluster that Grafana can read (Prometheus, Loki, Elasticsearch, Tempo, Zipkin, Jaeger, InfluxDB), in name order.
/// </summary>
public static class GrafanaDatasources
{
    public static ImmutableArray<(Resource Backend, BackendSpec Spec)> Read(SpecModel model, GrafanaBackend grafana, string cluster)
    {
        var stores = model.OfKind<BackendSpec>()
            .Where(b => b.Spec.External is null && BackendTypes.Serves(BackendTypes.TypeOf(b.Spec), BackendUse.Datasource) && ClusterLowering.AppliesTo(b.Spec.Clusters, cluster));
        if (!grafana.Datasources.IsDefaultOrEmpty)
        {
            var named = grafana.Datasources.Select(d => d.Value).ToHashSet(StringComparer.Ordinal);
            stores = stores.Where(b => named.Contains(b.Resource.Name));
        }

        return [.. stores.OrderBy(b => b.Resource.Name, StringComparer.Ordinal).Select(b => (b.Resource, b.Spec))];
    }
}
