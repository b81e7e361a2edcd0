using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Grafana;

/// <summary>
/// One backend as a Grafana reads it: its plugin type, the URL of its Service in the cluster, its scrape interval (a
/// Prometheus', for Grafana's $__interval), the credential Grafana logs in with, if it needs one, and, for a Tempo
/// whose metrics generator makes service graphs, the Prometheus it writes them to.
/// </summary>
public sealed record ProvisionedDatasource(
    Resource Backend, BackendType Type, string Url, string? ScrapeInterval = null, DatasourceCredential? Credential = null, Resource? ServiceGraphStore = null)
{
    public string Uid => GrafanaUid.Datasource(Backend.Name);

    public BackendSpec Spec => (BackendSpec)Backend.Spec;

    /// <summary>The id of Grafana's core plugin for the backend.</summary>
    public string PluginType => Dashboards.DatasourcePlugins.PluginOf(Type) ?? throw new InvalidOperationException($"{Type} is not a Grafana datasource");
}
