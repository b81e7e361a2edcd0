using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Model;

/// <summary>A cluster's log, trace, buffer and time-series stores other than Prometheus: the backends that keep what the collectors ship.</summary>
public sealed record StoresPlan(
    ImmutableArray<LokiPlan> Lokis, ImmutableArray<TempoPlan> Tempos, ImmutableArray<ElasticsearchPlan> Elasticsearches, ImmutableArray<JaegerPlan> Jaegers,
    ImmutableArray<ZipkinPlan> Zipkins, ImmutableArray<KafkaPlan> Kafkas, ImmutableArray<InfluxDbPlan> InfluxDbs)
{
    /// <summary>Whether a store remote-writes into this Prometheus: the results of a Loki's recording rules, a Tempo's metrics generator.</summary>
    public bool WritesTo(PrometheusPlan prometheus) =>
        Lokis.Any(l => l.Ruler?.RecordsTo?.Backend == prometheus.Backend) || Tempos.Any(t => t.GeneratesMetrics && t.MetricsStore?.Backend == prometheus.Backend);
}

/// <summary>
/// A single-binary Loki with its retention: <paramref name="Retention"/> for every stream, and longer or shorter
/// periods for the streams of teams (<paramref name="Streams"/>), from the most specific RetentionPolicy rules; and
/// its ruler, when AlertGroups name it.
/// </summary>
public sealed record LokiPlan(
    Resource Backend, LokiBackend Spec, string ObjectName, Duration? Retention, ImmutableArray<LokiStreamRetention> Streams, LokiRulerPlan? Ruler);

/// <summary>
/// The LogQL rule groups a Loki evaluates, the Alertmanager replicas its alerts go to (none when the cluster has no
/// Alertmanager for it), and the Prometheus its recording rules write their series to (null when it has none).
/// </summary>
public sealed record LokiRulerPlan(ImmutableArray<RuleGroupPlan> Groups, ImmutableArray<string> AlertmanagerUrls, PrometheusPlan? RecordsTo)
{
    public bool Records => Groups.Any(g => g.Spec.Rules.Any(r => r.Record is not null));

    public bool Alerts => Groups.Any(g => g.Spec.Rules.Any(r => r.Alert is not null));
}

/// <summary>How long the streams of one team's namespaces are kept, from a RetentionPolicy rule for that team.</summary>
public sealed record LokiStreamRetention(string Team, ImmutableArray<string> Namespaces, int Priority, Duration Period);
