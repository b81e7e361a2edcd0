using System.Collections.Immutable;
using Telc.Model;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Lowering;

/// <summary>The Grafanas deployed to a cluster, each with the backends it reads there.</summary>
public static class GrafanaLowering
{
    public static ImmutableArray<GrafanaPlan> Lower(SpecModel model, string cluster, (Resource Resource, BackendSpec Spec)[] backends) =>
        [.. backends.Where(b => b.Spec.Grafana is not null).Select(b => new GrafanaPlan(b.Resource, b.Spec.Grafana!, ClusterLowering.ObjectName("grafana", b.Resource.Name),
            [.. GrafanaDatasources.Read(model, b.Spec.Grafana!, cluster).Select(d => d.Backend)]))];
}
