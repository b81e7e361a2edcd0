using Telc.Model;

namespace Telc.Diff;

/// <summary>How long each InfluxDB of a cluster keeps its bucket's metrics: the retention Job deletes older data once applied.</summary>
public static class InfluxDbChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes) =>
        StoreRetention.CompareEach(before, after, s => s.InfluxDbs, i => i.Backend, i => i.ObjectName, i => i.Retention, "metrics", changes);
}
