using Telc.Model;

namespace Telc.Diff;

/// <summary>How long each Tempo of a cluster keeps traces: shortening it deletes traces for good.</summary>
public static class TempoChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        var production = (after ?? before)?.Tier == Spec.Kinds.EnvironmentTier.Production;
        var (same, _, _) = Pairing.Pair(before?.Stores.Tempos ?? [], after?.Stores.Tempos ?? [], Pairing.ByNameThenSoleServer<TempoPlan>(t => t.ObjectName));
        foreach (var (was, now) in same)
        {
            StoreRetention.Compare($"{now.Backend.Name} ({now.ObjectName})", "traces", was.Retention, now.Retention, production, changes);
        }
    }
}
