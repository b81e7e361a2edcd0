using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>What each type of backend is and can do: the one table the checks, lowering and emitters ask.</summary>
public static class BackendTypes
{
    private static readonly IReadOnlyDictionary<BackendType, BackendUse[]> Capabilities = new Dictionary<BackendType, BackendUse[]>
    {
        [BackendType.Prometheus] = [BackendUse.MetricsOutput, BackendUse.Rules, BackendUse.Datasource, BackendUse.Retention, BackendUse.Scraper],
        [BackendType.Alertmanager] = [BackendUse.Alertmanager],
        [BackendType.Grafana] = [BackendUse.Grafana],
        [BackendType.Loki] = [BackendUse.LogsOutput, BackendUse.Rules, BackendUse.Datasource, BackendUse.Retention],
        [BackendType.Elasticsearch] = [BackendUse.LogsOutput, BackendUse.Datasource, BackendUse.Retention, BackendUse.SpanStore],
        [BackendType.Tempo] = [BackendUse.TracesOutput, BackendUse.Datasource, BackendUse.Retention],
        [BackendType.Zipkin] = [BackendUse.TracesOutput, BackendUse.Datasource, BackendUse.Retention],
        [BackendType.Jaeger] = [BackendUse.TracesOutput, BackendUse.Datasource, BackendUse.Retention],
        [BackendType.Influxdb] = [BackendUse.MetricsOutput, BackendUse.Datasource, BackendUse.Retention],
        [BackendType.Kafka] = [BackendUse.MetricsOutput, BackendUse.LogsOutput, BackendUse.TracesOutput, BackendUse.Retention, BackendUse.Buffer],
        [BackendType.ExternalOtlp] = [BackendUse.MetricsOutput, BackendUse.LogsOutput, BackendUse.TracesOutput],
        [BackendType.ExternalPrometheusRemoteWrite] = [BackendUse.MetricsOutput],
        [BackendType.ExternalElasticsearch] = [BackendUse.LogsOutput],
        [BackendType.ExternalLoki] = [BackendUse.LogsOutput],
        [BackendType.ExternalSplunkHec] = [BackendUse.LogsOutput],
    };

    public static BackendType TypeOf(BackendSpec spec) => spec switch
    {
        { Prometheus: not null } => BackendType.Prometheus,
        { Alertmanager: not null } => BackendType.Alertmanager,
        { Grafana: not null } => BackendType.Grafana,
        { Loki: not null } => BackendType.Loki,
        { Elasticsearch: not null } => BackendType.Elasticsearch,
        { Tempo: not null } => BackendType.Tempo,
        { Zipkin: not null } => BackendType.Zipkin,
        { Jaeger: not null } => BackendType.Jaeger,
        { Influxdb: not null } => BackendType.Influxdb,
        { Kafka: not null } => BackendType.Kafka,
        { External.Otlp: not null } => BackendType.ExternalOtlp,
        { External.PrometheusRemoteWrite: not null } => BackendType.ExternalPrometheusRemoteWrite,
        { External.Elasticsearch: not null } => BackendType.ExternalElasticsearch,
        { External.Loki: not null } => BackendType.ExternalLoki,
        _ => BackendType.ExternalSplunkHec,
    };

    /// <summary>The type as the spec writes it: its section, and for an external endpoint the protocol (external otlp).</summary>
    public static string Name(BackendType type)
    {
        const string External = "External";
        var name = type.ToString();
        return name.StartsWith(External, StringComparison.Ordinal)
            ? $"external {char.ToLowerInvariant(name[External.Length])}{name[(External.Length + 1)..]}"
            : name.ToLowerInvariant();
    }

    public static bool Serves(BackendType type, BackendUse use) => Capabilities[type].Contains(use);

    /// <summary>The types that can serve the use, in declaration order.</summary>
    public static IReadOnlyList<BackendType> Serving(BackendUse use) => [.. Enum.GetValues<BackendType>().Where(t => Serves(t, use))];

    /// <summary>The backends that can serve the use, by name.</summary>
    public static IReadOnlyList<string> Candidates(SpecModel model, BackendUse use) =>
        [.. model.OfKind<BackendSpec>().Where(b => Serves(TypeOf(b.Spec), use)).Select(b => b.Resource.Name).Distinct()];

    /// <summary>The backend that evaluates an AlertGroup: the one it names, else the only one that can; null when neither is declared.</summary>
    public static BackendSpec? EvaluatorOf(SpecModel model, AlertGroupSpec group)
    {
        var name = group.Backend?.Value ?? Default(model, BackendUse.Rules);
        return name is null ? null : Named(model, name);
    }

    /// <summary>The Backend declared under the name, or null.</summary>
    public static BackendSpec? Named(SpecModel model, string name) => model.OfKind<BackendSpec>().FirstOrDefault(b => b.Resource.Name == name).Spec;

    /// <summary>The backend a document that names none uses: the only one that can serve the use, else none.</summary>
    public static string? Default(SpecModel model, BackendUse use) => Candidates(model, use) is [var only] ? only : null;

    public static string Describe(BackendUse use) => use switch
    {
        BackendUse.MetricsOutput => "receive metrics",
        BackendUse.LogsOutput => "receive logs",
        BackendUse.TracesOutput => "receive traces",
        BackendUse.Rules => "evaluate rules",
        BackendUse.Alertmanager => "route alerts",
        BackendUse.Grafana => "show dashboards",
        BackendUse.Datasource => "be a Grafana data source",
        BackendUse.Scraper => "scrape and ship a pipeline",
        BackendUse.SpanStore => "store Zipkin's spans",
        BackendUse.Buffer => "buffer a pipeline's data on its way to its backend",
        _ => "keep data",
    };
}
