using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Dashboards;

/// <summary>
/// A dashboard as one Grafana shows it in one cluster: the backends that Grafana reads there. Without a Grafana in
/// the spec, one view of every store that can be a data source, in no cluster.
/// </summary>
public sealed record DashboardView(string? Cluster, ImmutableArray<(Resource Backend, BackendSpec Spec)> Reads);
