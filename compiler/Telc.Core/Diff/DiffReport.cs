using System.Collections.Immutable;

namespace Telc.Diff;

/// <summary>The comparison of two sides, cluster by cluster; when a side failed there is no comparison, only its diagnostics.</summary>
public sealed record DiffReport(DiffSide Base, DiffSide Head, ImmutableArray<ClusterDiff> Clusters)
{
    public bool Failed => Base.Failed || Head.Failed;

    public bool HasDifferences => Clusters.Any(c => !c.Changes.IsEmpty || !c.Objects.IsEmpty);

    public int Count(Risk risk) => Clusters.Sum(c => c.Changes.Count(change => change.Risk == risk));

    /// <summary>The named clusters with any change, in order.</summary>
    public IEnumerable<string> ChangedClusters => Clusters.Where(c => c.Name.Length > 0 && (!c.Changes.IsEmpty || !c.Objects.IsEmpty)).Select(c => c.Name);
}
