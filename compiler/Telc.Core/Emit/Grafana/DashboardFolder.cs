using System.Collections.Immutable;
using Telc.Emit.Kubernetes;

namespace Telc.Emit.Grafana;

/// <summary>
/// A Grafana folder of provisioned dashboards: its title and uid as Grafana shows them, the directory under Grafana's
/// dashboards path its files are mounted in, and the ConfigMaps holding the files (one key per dashboard).
/// </summary>
public sealed record DashboardFolder(string Title, string Uid, string Directory, ImmutableArray<ConfigMap> ConfigMaps);
