using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Model;

/// <summary>
/// A single-binary Tempo whose compactor deletes traces older than <paramref name="Retention"/> (from the most specific
/// RetentionPolicy rule for traces, else the backend's own, else Tempo's default, so the config says what runs).
/// </summary>
/// <param name="MetricsStore">The Prometheus its metrics generator writes to and that scrapes it: the one the collectors' derived metrics go to.</param>
public sealed record TempoPlan(Resource Backend, TempoBackend Spec, string ObjectName, Duration Retention, PrometheusPlan? MetricsStore)
{
    /// <summary>Tempo's own compactor.compaction.block_retention (336h).</summary>
    public static readonly Duration DefaultRetention = Duration.TryParse("14d")!;

    /// <summary>Whether the spec asks the metrics generator for any metrics.</summary>
    public bool GeneratesMetrics => Spec.MetricsGenerator is { SpanMetrics: true } or { ServiceGraphs: true };
}
