using Telc.Model;

namespace Telc.Diff;

/// <summary>How long each Loki of a cluster keeps logs, for every stream and for the streams of each team: shortening it deletes logs for good.</summary>
public static class LokiChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        var production = (after ?? before)?.Tier == Spec.Kinds.EnvironmentTier.Production;
        var (same, _, _) = Pairing.Pair(before?.Stores.Lokis ?? [], after?.Stores.Lokis ?? [], Pairing.ByNameThenSoleServer<LokiPlan>(l => l.ObjectName));
        foreach (var (was, now) in same)
        {
            var subject = $"{now.Backend.Name} ({now.ObjectName})";
            LogRetentionChange.Compare(subject, was.Retention, now.Retention, production, changes);
            var (teamsBefore, teamsAfter) = (was.Streams.ToDictionary(s => s.Team), now.Streams.ToDictionary(s => s.Team));
            foreach (var team in teamsBefore.Keys.Union(teamsAfter.Keys).Order(StringComparer.Ordinal))
            {
                LogRetentionChange.Compare($"{subject}, team {team}", teamsBefore.GetValueOrDefault(team)?.Period ?? was.Retention, teamsAfter.GetValueOrDefault(team)?.Period ?? now.Retention, production, changes);
            }
        }
    }
}
