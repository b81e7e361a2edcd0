using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Model;

/// <summary>
/// A Grafana of a cluster and the backends it reads there (<see cref="Semantics.GrafanaDatasources"/>), in name order:
/// each becomes a provisioned datasource.
/// </summary>
public sealed record GrafanaPlan(Resource Backend, GrafanaBackend Spec, string ObjectName, ImmutableArray<Resource> Datasources)
{
    public const int HttpPort = 3000;
}
