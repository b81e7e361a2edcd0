using System.Collections.Immutable;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Values;

namespace Telc.Diff;

/// <summary>
/// How long each store of a cluster that keeps all its data for one time keeps it: Tempo its traces, Elasticsearch its
/// logs (the delete phase of every pipeline's index lifecycle policy), InfluxDB its bucket's metrics. Shortening it
/// deletes data for good.
/// </summary>
public static class StoreChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        var production = (after ?? before)?.Tier == Spec.Kinds.EnvironmentTier.Production;
        Retention(before?.Stores.Tempos, after?.Stores.Tempos, t => (t.Backend, t.ObjectName, t.Retention), "traces", production, changes);
        Retention(before?.Stores.Elasticsearches, after?.Stores.Elasticsearches, e => (e.Backend, e.ObjectName, e.Retention), "logs", production, changes);
        Retention(before?.Stores.InfluxDbs, after?.Stores.InfluxDbs, i => (i.Backend, i.ObjectName, i.Retention), "metrics", production, changes);
    }

    /// <summary>The stores of one kind paired by object name, then the one left on each side (its backend renamed).</summary>
    private static void Retention<T>(
        ImmutableArray<T>? before, ImmutableArray<T>? after, Func<T, (Resource Backend, string ObjectName, Duration? Retention)> of, string data, bool production, ChangeList changes)
        where T : class
    {
        var (same, _, _) = Pairing.Pair(before ?? [], after ?? [], Pairing.ByNameThenSoleServer<T>(s => of(s).ObjectName));
        foreach (var (was, now) in same)
        {
            var store = of(now);
            StoreRetention.Compare($"{store.Backend.Name} ({store.ObjectName})", data, of(was).Retention, store.Retention, production, changes);
        }
    }
}
