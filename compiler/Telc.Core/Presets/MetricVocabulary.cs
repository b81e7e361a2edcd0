using System.Collections.Immutable;
using Telc.Spec.Kinds;

namespace Telc.Presets;

/// <summary>The metrics the catalog's presets declare, by name, with their types: what telc knows of metrics it does not collect itself.</summary>
public sealed record MetricVocabulary(ImmutableSortedDictionary<string, MetricType> Types)
{
    public static MetricVocabulary Empty { get; } = new(ImmutableSortedDictionary<string, MetricType>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>
    /// Whether a preset declares the metric a counter, though its name does not say so (Istio's pilot_total_xds_rejects,
    /// CockroachDB's sql_failure_count): rate() of it is right.
    /// </summary>
    public bool IsCounter(string metric) => Types.TryGetValue(metric, out var type) && type == MetricType.Counter;

    /// <summary>Every metric every version of every preset declares; a name two presets type differently keeps the first preset's type.</summary>
    public static MetricVocabulary Of(PresetCatalog catalog) => new(catalog.Presets.Values.SelectMany(v => v).SelectMany(p => p.Spec.Metrics)
        .GroupBy(m => m.Name, StringComparer.Ordinal)
        .ToImmutableSortedDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal));
}
