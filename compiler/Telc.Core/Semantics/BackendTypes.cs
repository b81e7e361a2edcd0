using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>What each type of backend can do.</summary>
public static class BackendTypes
{
    public static string TypeOf(BackendSpec spec) => spec switch
    {
        { Prometheus: not null } => "prometheus",
        { Alertmanager: not null } => "alertmanager",
        { Grafana: not null } => "grafana",
        { Loki: not null } => "loki",
        { Elasticsearch: not null } => "elasticsearch",
        { Tempo: not null } => "tempo",
        { Zipkin: not null } => "zipkin",
        { Jaeger: not null } => "jaeger",
        { Influxdb: not null } => "influxdb",
        { Kafka: not null } => "kafka",
        { External.Otlp: not null } => "external otlp",
        { External.PrometheusRemoteWrite: not null } => "external prometheusRemoteWrite",
        { External.Elasticsearch: not null } => "external elasticsearch",
        { External.Loki: not null } => "external loki",
        _ => "external splunkHec",
    };

    public static IReadOnlyList<string> Serving(BackendUse use) => use switch
    {
        BackendUse.MetricsOutput => ["prometheus", "influxdb", "kafka", "external otlp", "external prometheusRemoteWrite"],
        BackendUse.LogsOutput => ["loki", "elasticsearch", "kafka", "external otlp", "external elasticsearch", "external loki", "external splunkHec"],
        BackendUse.TracesOutput => ["tempo", "zipkin", "jaeger", "kafka", "external otlp"],
        BackendUse.Rules => ["prometheus", "loki"],
        BackendUse.Alertmanager => ["alertmanager"],
        BackendUse.Grafana => ["grafana"],
        BackendUse.Datasource => ["prometheus", "loki", "elasticsearch", "tempo", "zipkin", "jaeger", "influxdb"],
        BackendUse.Retention => ["prometheus", "loki", "elasticsearch", "tempo", "zipkin", "jaeger", "influxdb", "kafka"],
        BackendUse.Scraper => ["prometheus"],
        _ => [],
    };

    /// <summary>The backends that can serve the use, by name.</summary>
    public static IReadOnlyList<string> Candidates(SpecModel model, BackendUse use) =>
        [.. model.OfKind<BackendSpec>().Where(b => Serving(use).Contains(TypeOf(b.Spec))).Select(b => b.Resource.Name).Distinct()];

    /// <summary>The backend that evaluates an AlertGroup: the one it names, else the only one that can; null when neither is declared.</summary>
    public static BackendSpec? EvaluatorOf(SpecModel model, AlertGroupSpec group)
    {
        var name = group.Backend?.Value ?? Default(model, BackendUse.Rules);
        return model.OfKind<BackendSpec>().FirstOrDefault(b => b.Resource.Name == name).Spec;
    }

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
        _ => "keep data",
    };
}
