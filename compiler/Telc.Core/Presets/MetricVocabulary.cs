using System.Collections.Immutable;
using Telc.Spec.Kinds;

namespace Telc.Presets;

/// <summary>
/// The metrics the catalog's presets declare: each declared name with its type, and each series those names stand
/// for (a histogram's _bucket, _sum and _count) with the presets that declare it. What telc knows of metrics made by
/// components it does not run.
/// </summary>
public sealed record MetricVocabulary(ImmutableSortedDictionary<string, MetricType> Types, ImmutableSortedDictionary<string, ImmutableSortedSet<string>> Sources)
{
    public static MetricVocabulary Empty { get; } = new(
        ImmutableSortedDictionary<string, MetricType>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableSortedDictionary<string, ImmutableSortedSet<string>>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>
    /// Whether a preset declares the metric a counter, though its name does not say so (Istio's pilot_total_xds_rejects,
    /// CockroachDB's sql_failure_count): rate() of it is right.
    /// </summary>
    public bool IsCounter(string metric) => Types.TryGetValue(metric, out var type) && type == MetricType.Counter;

    /// <summary>The presets that declare a series; empty for one no preset knows.</summary>
    public ImmutableSortedSet<string> Declaring(string series) => Sources.GetValueOrDefault(series) ?? [];

    /// <summary>Every metric every version of every preset declares; a name two presets type differently keeps the first preset's type.</summary>
    public static MetricVocabulary Of(PresetCatalog catalog)
    {
        var declared = catalog.Presets.Values.SelectMany(v => v).SelectMany(p => p.Spec.Metrics.Select(m => (Preset: p.Name, Metric: m))).ToArray();
        return new(
            declared.GroupBy(d => d.Metric.Name, StringComparer.Ordinal).ToImmutableSortedDictionary(g => g.Key, g => g.First().Metric.Type, StringComparer.Ordinal),
            declared.SelectMany(d => Series(d.Metric).Select(s => (Series: s, d.Preset)))
                .GroupBy(s => s.Series, StringComparer.Ordinal)
                .ToImmutableSortedDictionary(g => g.Key, g => g.Select(s => s.Preset).ToImmutableSortedSet(StringComparer.Ordinal), StringComparer.Ordinal));
    }

    /// <summary>The series a declared metric is stored as.</summary>
    private static IEnumerable<string> Series(MetricDeclaration metric) => metric.Type switch
    {
        MetricType.Histogram => [metric.Name + "_bucket", metric.Name + "_sum", metric.Name + "_count"],
        MetricType.Summary => [metric.Name, metric.Name + "_sum", metric.Name + "_count"],
        _ => [metric.Name],
    };
}
