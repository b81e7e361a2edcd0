using Telc.Model;

namespace Telc.Diff;

/// <summary>How long each Tempo of a cluster keeps traces: shortening it deletes traces for good.</summary>
public static class TempoChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes) =>
        StoreRetention.CompareEach(before, after, s => s.Tempos, t => t.Backend, t => t.ObjectName, t => t.Retention, "traces", changes);
}
