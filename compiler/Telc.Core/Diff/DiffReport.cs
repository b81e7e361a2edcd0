using System.Collections.Immutable;

namespace Telc.Diff;

/// <summary>The comparison of two sides, cluster by cluster; when a side failed there is no comparison, only its diagnostics.</summary>
public sealed record DiffReport(DiffSide Base, DiffSide Head, ImmutableArray<ClusterDiff> Clusters)
{
    public bool Failed => Base.Failed || Head.Failed;

    public bool HasDifferences => Clusters.Any(c => c.HasChanges);

    /// <summary>The summary lines, a change made alike in several clusters counted once (as the reports show it).</summary>
    public IReadOnlyList<TelemetryChange> DistinctChanges =>
        [.. Clusters.SelectMany(c => c.Changes).DistinctBy(c => c with { Cluster = string.Empty })];

    public int Count(Risk risk) => DistinctChanges.Count(change => change.Risk == risk);

    /// <summary>The named clusters with any change, in order.</summary>
    public IEnumerable<string> ChangedClusters => Clusters.Where(c => c.Name.Length > 0 && c.HasChanges).Select(c => c.Name);
}
