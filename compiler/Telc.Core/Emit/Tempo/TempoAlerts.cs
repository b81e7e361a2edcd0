using Telc.Emit.Prometheus;

namespace Telc.Emit.Tempo;

/// <summary>
/// Tempo's own alerts, evaluated by the Prometheus that scrapes it (the one its metrics generator writes to): spans
/// refused at the door, compaction or retention failing (the volume fills and old traces stay), and blocks that cannot
/// be flushed. Metric names are those of the pinned Tempo (modules/overrides, tempodb, modules/ingester); every alert
/// names the Tempo (its object name) and the pod.
/// </summary>
public static class TempoAlerts
{
    /// <summary>An underscore, which no AlertGroup name may hold, so the file never meets an AlertGroup's.</summary>
    public const string FileName = "telc_tempo.yaml";
    public const string JobName = "telc/tempo";

    /// <summary>The label the scrape job gives every series: the Tempo's object name (tempo-traces).</summary>
    public const string InstanceLabel = "tempo";

    private const string Job = $"job=\"{JobName}\"";

    public static RuleFile Rules() => new([
        new RuleGroupConfig("telc-tempo", null, [
            RuleConfig.OwnAlert("TempoDiscardingSpans",
                $"sum by (tempo, pod, reason) (rate(tempo_discarded_spans_total{{{Job}}}[5m])) > 0",
                "15m", "warning",
                "{{ $labels.tempo }} discards spans ({{ $labels.reason }})",
                "Tempo refuses spans it received: over its ingestion rate limit (rate_limited), a trace over its size limit (trace_too_large) or too many traces held in memory (live_traces_exceeded). Those spans are lost."),
            RuleConfig.OwnAlert("TempoCompactorFailing",
                $"sum by (tempo, pod) (increase({{__name__=~\"tempodb_(compaction|retention)_errors_total\", {Job}}}[1h])) > 2\n  and sum by (tempo, pod) (increase({{__name__=~\"tempodb_(compaction|retention)_errors_total\", {Job}}}[5m])) > 0",
                "15m", "warning",
                "The compactor of {{ $labels.tempo }} keeps failing",
                "Compaction or retention failed more than twice in the last hour (tempodb_compaction_errors_total, tempodb_retention_errors_total): blocks pile up, queries slow down and traces past their retention are not deleted, so the volume fills."),
            RuleConfig.OwnAlert("TempoFlushesFailing",
                $"sum by (tempo, pod) (increase(tempo_ingester_flush_failed_retries_total{{{Job}}}[1h])) > 2\n  and sum by (tempo, pod) (increase(tempo_ingester_flush_failed_retries_total{{{Job}}}[5m])) > 0",
                "5m", "critical",
                "{{ $labels.tempo }} cannot write trace blocks to its volume",
                "Flushing complete blocks from the write-ahead log failed even after retries (tempo_ingester_flush_failed_retries_total): the volume is full or not writable, and the traces in those blocks are not stored."),
        ]),
    ]);
}
