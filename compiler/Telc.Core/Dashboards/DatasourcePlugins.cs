using Telc.Spec;

namespace Telc.Dashboards;

/// <summary>Grafana's data source plugin ids for the backends telc provisions as data sources.</summary>
public static class DatasourcePlugins
{
    private static readonly Dictionary<BackendType, string> Plugins = new()
    {
        [BackendType.Prometheus] = "prometheus",
        [BackendType.Loki] = "loki",
        [BackendType.Elasticsearch] = "elasticsearch",
        [BackendType.Tempo] = "tempo",
        [BackendType.Zipkin] = "zipkin",
        [BackendType.Jaeger] = "jaeger",
        [BackendType.Influxdb] = "influxdb",
    };

    public static string? PluginOf(BackendType type) => Plugins.GetValueOrDefault(type);

    public static BackendType? TypeOf(string plugin) =>
        Plugins.FirstOrDefault(p => string.Equals(p.Value, plugin, StringComparison.OrdinalIgnoreCase)) is { Value: not null } found ? found.Key : null;
}
