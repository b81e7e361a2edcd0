using Telc.Model;

namespace Telc.Diff;

/// <summary>
/// How long each Elasticsearch of a cluster keeps logs: the delete phase of its pipelines' index lifecycle policies,
/// one time for all of them. Shortening it deletes the indices past it at the next lifecycle check.
/// </summary>
public static class ElasticsearchChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes) =>
        StoreRetention.CompareEach(before, after, s => s.Elasticsearches, e => e.Backend, e => e.ObjectName, e => e.Retention, "logs", changes);
}
