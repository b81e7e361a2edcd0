using Telc.Model;

namespace Telc.Diff;

/// <summary>
/// How long each Jaeger of a cluster keeps traces. badger gives each span its expiry when it stores it, so a shorter
/// TTL deletes nothing at once: the spans stored from then on expire sooner, and the history shrinks to it over time.
/// </summary>
public static class JaegerChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes) =>
        StoreRetention.CompareEach(before, after, s => s.Jaegers, j => j.Backend, j => j.ObjectName, j => j.Retention, "traces", changes,
            "spans stored from now on expire sooner (those stored before keep their expiry)");
}
