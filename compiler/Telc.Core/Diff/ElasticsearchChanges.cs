using Telc.Model;

namespace Telc.Diff;

/// <summary>
/// How long each Elasticsearch of a cluster keeps logs: the delete phase of its pipelines' index lifecycle policies,
/// one time for all of them. Shortening it deletes the indices past it at the next lifecycle check.
/// </summary>
public static class ElasticsearchChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        var production = (after ?? before)?.Tier == Spec.Kinds.EnvironmentTier.Production;
        var (same, _, _) = Pairing.Pair(before?.Stores.Elasticsearches ?? [], after?.Stores.Elasticsearches ?? [],
            Pairing.ByNameThenSoleServer<ElasticsearchPlan>(e => e.ObjectName));
        foreach (var (was, now) in same)
        {
            StoreRetention.Compare($"{now.Backend.Name} ({now.ObjectName})", "logs", was.Retention, now.Retention, production, changes);
        }
    }
}
