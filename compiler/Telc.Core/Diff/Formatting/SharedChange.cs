namespace Telc.Diff.Formatting;

/// <summary>
/// A change made the same way in several clusters (an alert removed from a rule group every cluster evaluates), told
/// once with the clusters it reaches instead of once per cluster: what keeps a 50-cluster report readable.
/// </summary>
public sealed record SharedChange(TelemetryChange Change, IReadOnlyList<string> Clusters)
{
    /// <summary>The changes found in more than one cluster, riskiest first, and what is left for each cluster on its own.</summary>
    public static (IReadOnlyList<SharedChange> Shared, IReadOnlyDictionary<string, IReadOnlyList<TelemetryChange>> Own) Split(DiffReport report)
    {
        var groups = report.Clusters
            .SelectMany(c => c.Changes)
            .Where(c => c.Cluster.Length > 0)
            .GroupBy(c => c with { Cluster = string.Empty })
            .ToArray();
        var shared = groups.Where(g => g.Count() > 1).ToArray();
        var sharedKeys = shared.Select(g => g.Key).ToHashSet();
        var own = report.Clusters.ToDictionary(
            c => c.Name,
            c => (IReadOnlyList<TelemetryChange>)[.. c.Changes.Where(change => !sharedKeys.Contains(change with { Cluster = string.Empty })).OrderByDescending(change => change.Risk)],
            StringComparer.Ordinal);
        return ([.. shared.Select(g => new SharedChange(g.Key, [.. g.Select(c => c.Cluster)])).OrderByDescending(s => s.Change.Risk)], own);
    }

    /// <summary>"all 50 changed clusters" (or both), or the names, cut after a few.</summary>
    public string Where(int changedClusters, int shown = 4) =>
        Clusters.Count == changedClusters ? (changedClusters == 2 ? "both changed clusters" : $"all {changedClusters} changed clusters")
        : Clusters.Count <= shown ? string.Join(", ", Clusters)
        : $"{string.Join(", ", Clusters.Take(shown))} and {Clusters.Count - shown} more";
}
