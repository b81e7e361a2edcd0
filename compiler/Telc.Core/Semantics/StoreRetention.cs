using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>
/// What a store telc runs can enforce of a retention: it deletes <paramref name="Signal"/> by age, and also by total
/// size (<paramref name="BySize"/>: Prometheus' TSDB) or per team (<paramref name="ByTeam"/>: Loki's per-stream
/// retention over a team's namespaces).
/// </summary>
public sealed record StoreRetention(string Store, Signal Signal, bool BySize, bool ByTeam)
{
    /// <summary>How a backend enforces retention, or null when it keeps no data telc deletes by age.</summary>
    public static StoreRetention? Of(BackendSpec backend) => backend switch
    {
        { Prometheus: not null } => new("Prometheus", Signal.Metrics, BySize: true, ByTeam: false),
        { Loki: not null } => new("Loki", Signal.Logs, BySize: false, ByTeam: true),
        { Elasticsearch: not null } => new("Elasticsearch", Signal.Logs, BySize: false, ByTeam: false),
        { Tempo: not null } => new("Tempo", Signal.Traces, BySize: false, ByTeam: false),
        { Jaeger: not null } => new("Jaeger", Signal.Traces, BySize: false, ByTeam: false),
        { Zipkin.Elasticsearch: not null } => new("Zipkin (in Elasticsearch)", Signal.Traces, BySize: false, ByTeam: false),
        _ => null,
    };

    /// <summary>The stores that keep a signal, by name, for hints.</summary>
    public static IEnumerable<string> Keeping(Signal signal) => signal switch
    {
        Signal.Metrics => ["prometheus"],
        Signal.Logs => ["loki", "elasticsearch"],
        _ => ["tempo", "jaeger", "zipkin with elasticsearch"],
    };
}
