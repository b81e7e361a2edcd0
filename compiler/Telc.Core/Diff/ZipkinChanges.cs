using Telc.Model;

namespace Telc.Diff;

/// <summary>
/// How long each Zipkin storing its spans in Elasticsearch keeps them: the delete phase of its indices' lifecycle.
/// Shortening it deletes the daily indices past it at the next lifecycle check. (In memory, no time is kept.)
/// </summary>
public static class ZipkinChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes) =>
        StoreRetention.CompareEach<ZipkinPlan>(before, after, s => [.. s.Zipkins.Where(z => z.Store?.Zipkin is not null)], z => z.Backend, z => z.ObjectName,
            z => z.Store!.Zipkin!.Retention, "traces", changes);
}
