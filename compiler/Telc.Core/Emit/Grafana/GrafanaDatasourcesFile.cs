using System.Collections.Immutable;
using Telc.Emit.Elasticsearch;
using Telc.Emit.Jaeger;
using Telc.Emit.Loki;
using Telc.Emit.Tempo;
using Telc.Emit.Zipkin;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using static Telc.Output.OutTree;

namespace Telc.Emit.Grafana;

/// <summary>
/// Grafana's datasources.yaml for one Grafana: a datasource with a fixed uid (<see cref="GrafanaUid.Datasource"/>)
/// per backend it reads, the first Prometheus the default, and the links between signals a user would otherwise wire
/// by hand: a Prometheus' exemplars, Loki's trace ids and Elasticsearch's trace_id field open the trace store; a span
/// opens its logs; Tempo's node graph is on and its service map reads the Prometheus its service graphs are written
/// to (else the default). The trace store linked to is the first Tempo, else Jaeger, else Zipkin; the log store the
/// first Loki, else Elasticsearch.
/// </summary>
/// <remarks>Field names are Grafana's own, as grafana-provisioning.md lists with their sources.</remarks>
public static class GrafanaDatasourcesFile
{
    public const string FileName = "datasources.yaml";

    public const int PrometheusPort = 9090;

    /// <summary>The Service the Prometheus Operator puts in front of every Prometheus it runs in a namespace.</summary>
    public const string OperatedService = "prometheus-operated";

    /// <summary>The label (and Loki structured metadata) OpenTelemetry exemplars and logs carry a trace id in.</summary>
    public const string TraceIdLabel = "trace_id";

    /// <summary>A trace id written in a log line by hand: traceID=…, trace_id=… or traceId=….</summary>
    public const string TraceIdInLine = @"(?:traceID|trace_id|traceId)=(\w+)";

    /// <summary>The query of an internal link: the linked value itself, which Grafana (not its provisioning) fills in.</summary>
    public const string LinkedValue = "${__value.raw}";

    /// <summary>The user whose password an Elasticsearch backend names; a read-only user of its own is left for later.</summary>
    public const string ElasticsearchUser = "elastic";

    /// <summary>Span attributes a span's logs are found by, with the Loki labels they are indexed as.</summary>
    private static readonly string[] SpanToLogTags = ["service.name", "service.namespace", "k8s.namespace.name"];

    /// <summary>The backends the Grafana reads, each where its Service answers in the cluster.</summary>
    public static ImmutableArray<ProvisionedDatasource> Resolve(ClusterPlan cluster, GrafanaPlan plan) =>
        [.. plan.Datasources.Select(backend => Resolve(cluster, backend)).OfType<ProvisionedDatasource>()];

    private static ProvisionedDatasource? Resolve(ClusterPlan cluster, Resource backend)
    {
        string Url(string service, int port) => $"http://{service}.{cluster.Namespace}.svc:{port}";
        if (cluster.Metrics.Prometheuses.FirstOrDefault(p => p.Backend == backend) is { } prometheus)
        {
            return new(backend, BackendType.Prometheus, Url(prometheus.Spec.Operator ? OperatedService : prometheus.ObjectName, PrometheusPort), prometheus.ScrapeInterval.Text);
        }

        var stores = cluster.Stores;
        return stores.Lokis.FirstOrDefault(s => s.Backend == backend) is { } loki ? new(backend, BackendType.Loki, Url(loki.ObjectName, LokiConfigBuilder.HttpPort))
            : stores.Elasticsearches.FirstOrDefault(s => s.Backend == backend) is { } search
                ? new(backend, BackendType.Elasticsearch, Url(search.ObjectName, ElasticsearchWriter.HttpPort),
                    Credential: new DatasourceCredential(ProvisioningText.Variable(backend.Name, "PASSWORD"), "basicAuthPassword", search.Spec.PasswordSecretRef))
            : stores.Tempos.FirstOrDefault(s => s.Backend == backend) is { } tempo
                ? new(backend, BackendType.Tempo, Url(tempo.ObjectName, TempoConfigBuilder.HttpPort),
                    ServiceGraphStore: tempo.Spec.MetricsGenerator is { ServiceGraphs: true } ? tempo.MetricsStore?.Backend : null)
            : stores.Jaegers.FirstOrDefault(s => s.Backend == backend) is { } jaeger ? new(backend, BackendType.Jaeger, Url(jaeger.ObjectName, JaegerConfigBuilder.QueryHttpPort))
            : stores.Zipkins.FirstOrDefault(s => s.Backend == backend) is { } zipkin ? new(backend, BackendType.Zipkin, Url(zipkin.ObjectName, ZipkinEmitter.HttpPort))
            : stores.InfluxDbs.FirstOrDefault(s => s.Backend == backend) is { Spec.TokenSecretRef: not null } influxdb
                ? new(backend, BackendType.Influxdb, Url(influxdb.ObjectName, InfluxDbPlan.HttpPort),
                    Credential: new DatasourceCredential(ProvisioningText.Variable(backend.Name, "TOKEN"), "token", influxdb.Spec.TokenSecretRef!))
            : null;
    }

    public static OutMap Build(ImmutableArray<ProvisionedDatasource> sources)
    {
        var metrics = sources.FirstOrDefault(s => s.Type == BackendType.Prometheus);
        var traces = new[] { BackendType.Tempo, BackendType.Jaeger, BackendType.Zipkin }.Select(t => sources.FirstOrDefault(s => s.Type == t)).FirstOrDefault(s => s is not null);
        var logs = new[] { BackendType.Loki, BackendType.Elasticsearch }.Select(t => sources.FirstOrDefault(s => s.Type == t)).FirstOrDefault(s => s is not null);
        var links = new SignalLinks(metrics, traces, logs);
        return Map(("apiVersion", 1), ("datasources", Seq(sources.Select(s => (object)Entry(s, links with { ServiceGraphs = ServiceGraphs(s, sources, metrics) })))));
    }

    /// <summary>Where a Tempo's service map reads from: the Prometheus its generator writes service graphs to, when Grafana reads it, else the default.</summary>
    private static ProvisionedDatasource? ServiceGraphs(ProvisionedDatasource source, ImmutableArray<ProvisionedDatasource> sources, ProvisionedDatasource? metrics) =>
        sources.FirstOrDefault(s => s.Type == BackendType.Prometheus && s.Backend == source.ServiceGraphStore) ?? metrics;

    private sealed record SignalLinks(ProvisionedDatasource? Metrics, ProvisionedDatasource? Traces, ProvisionedDatasource? Logs, ProvisionedDatasource? ServiceGraphs = null);

    private static OutMap Entry(ProvisionedDatasource source, SignalLinks links)
    {
        var written = ProvisioningText.Escape(Map(
            ("name", source.Backend.Name),
            ("type", source.PluginType),
            ("uid", source.Uid),
            ("access", "proxy"),
            ("url", source.Url),
            ("isDefault", source == links.Metrics),
            ("editable", false),
            ("basicAuth", source.Type == BackendType.Elasticsearch ? true : null),
            ("basicAuthUser", source.Type == BackendType.Elasticsearch ? ElasticsearchUser : null),
            ("jsonData", JsonData(source, links))));
        if (source.Credential is not { } credential)
        {
            return written;
        }

        // The one value written unescaped: the reference Grafana replaces with the Secret's value from its environment.
        return Map([.. written.Entries.Select(e => (e.Key, (object?)e.Value)),
            ("secureJsonData", Map((credential.Key, ProvisioningText.Reference(credential.Variable))))]);
    }

    private static OutMap? JsonData(ProvisionedDatasource source, SignalLinks links) => source.Type switch
    {
        BackendType.Prometheus => Map(
            ("httpMethod", "POST"),
            ("prometheusType", "Prometheus"),
            ("prometheusVersion", Images.Prometheus[(Images.Prometheus.LastIndexOf(":v", StringComparison.Ordinal) + 2)..]),
            ("timeInterval", source.ScrapeInterval),
            ("exemplarTraceIdDestinations", links.Traces is { } traces ? Seq(Map(("name", TraceIdLabel), ("datasourceUid", traces.Uid), ("urlDisplayLabel", "Trace"))) : null)),
        BackendType.Loki => Map(("derivedFields", links.Traces is { } traces
            ? Seq(
                Map(("name", TraceIdLabel), ("matcherType", "label"), ("matcherRegex", TraceIdLabel), ("datasourceUid", traces.Uid), ("url", LinkedValue), ("urlDisplayLabel", "Trace")),
                Map(("name", "TraceID"), ("matcherType", "regex"), ("matcherRegex", TraceIdInLine), ("datasourceUid", traces.Uid), ("url", LinkedValue), ("urlDisplayLabel", "Trace")))
            : null)),
        BackendType.Elasticsearch => Map(
            ("index", "logs-*"),
            ("timeField", "@timestamp"),
            ("dataLinks", links.Traces is { } traces ? Seq(Map(("field", TraceIdLabel), ("datasourceUid", traces.Uid), ("url", LinkedValue), ("urlDisplayLabel", "Trace"))) : null)),
        BackendType.Tempo => Map(
            ("tracesToLogsV2", TracesToLogs(links.Logs)),
            ("serviceMap", links.ServiceGraphs is { } graphs ? Map(("datasourceUid", graphs.Uid)) : null),
            ("nodeGraph", Map(("enabled", true)))),
        BackendType.Jaeger or BackendType.Zipkin => Map(("tracesToLogsV2", TracesToLogs(links.Logs)), ("nodeGraph", Map(("enabled", true)))),
        BackendType.Influxdb when source.Spec.Influxdb is { } influxdb => Map(("version", "Flux"), ("organization", influxdb.Organization), ("defaultBucket", influxdb.Bucket)),
        _ => null,
    };

    /// <summary>A span's logs: those carrying its trace id, in the streams of its service (Loki's labels for the span's attributes), a few minutes either side.</summary>
    private static OutMap? TracesToLogs(ProvisionedDatasource? logs) => logs is null ? null : Map(
        ("datasourceUid", logs.Uid),
        ("filterByTraceID", true),
        ("customQuery", false),
        ("spanStartTimeShift", "-5m"),
        ("spanEndTimeShift", "5m"),
        ("tags", logs.Type == BackendType.Loki ? Seq(SpanToLogTags.Select(t => (object)Map(("key", t), ("value", t.Replace('.', '_'))))) : null));
}
