using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>
/// What a store telc runs can enforce of a retention: it deletes <paramref name="Signal"/> by age, and also by total
/// size (<paramref name="BySize"/>: Prometheus' TSDB, a Kafka topic) or per team (<paramref name="ByTeam"/>: Loki's
/// per-stream retention over a team's namespaces). A buffer (<paramref name="NamedOnly"/>: Kafka) takes only the rules
/// that name it: a rule naming no backend is for the stores that keep the history.
/// </summary>
public sealed record StoreRetention(string Store, Signal Signal, bool BySize, bool ByTeam, bool NamedOnly = false)
{
    /// <summary>How a backend enforces retention, one entry per signal it keeps; none when it keeps no data telc deletes by age.</summary>
    public static IEnumerable<StoreRetention> Of(SpecModel model, Resource resource, BackendSpec backend) => backend switch
    {
        { Prometheus: not null } => [new("Prometheus", Signal.Metrics, BySize: true, ByTeam: false)],
        { Influxdb: not null } => [new("InfluxDB", Signal.Metrics, BySize: false, ByTeam: false)],
        { Loki: not null } => [new("Loki", Signal.Logs, BySize: false, ByTeam: true)],
        { Elasticsearch: not null } => [new("Elasticsearch", Signal.Logs, BySize: false, ByTeam: false)],
        { Tempo: not null } => [new("Tempo", Signal.Traces, BySize: false, ByTeam: false)],
        { Jaeger: not null } => [new("Jaeger", Signal.Traces, BySize: false, ByTeam: false)],
        { Zipkin.Elasticsearch: not null } => [new("Zipkin (in Elasticsearch)", Signal.Traces, BySize: false, ByTeam: false)],
        { Kafka: not null } => Buffered(model, resource.Name).Select(signal => new StoreRetention("Kafka", signal, BySize: true, ByTeam: false, NamedOnly: true)),
        _ => [],
    };

    /// <summary>The stores that keep a signal, by name, for hints.</summary>
    public static IEnumerable<string> Keeping(Signal signal) => signal switch
    {
        Signal.Metrics => ["prometheus", "influxdb"],
        Signal.Logs => ["loki", "elasticsearch"],
        _ => ["tempo", "jaeger", "zipkin with elasticsearch"],
    };

    /// <summary>The signals of the pipelines that write to a Kafka: on their way to their store (via), or as their output.</summary>
    private static IEnumerable<Signal> Buffered(SpecModel model, string kafka) =>
        new (Signal Signal, IEnumerable<PipelineOutput> Outputs)[]
        {
            (Signal.Logs, model.OfKind<LogPipelineSpec>().Select(p => p.Spec.Output)),
            (Signal.Metrics, model.OfKind<MetricPipelineSpec>().Select(p => p.Spec.Output)),
            (Signal.Traces, model.OfKind<TracePipelineSpec>().Select(p => p.Spec.Output)),
        }.Where(s => s.Outputs.Any(o => (o.Via ?? o.Backend).Value == kafka)).Select(s => s.Signal);
}
