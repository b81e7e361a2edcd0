using Telc.Model;

namespace Telc.Diff;

/// <summary>
/// How long and how much each topic of each Kafka of a cluster keeps: shortening it deletes buffered data the stores
/// may not have read yet. A topic added or removed shows as the topics Job's ConfigMap changing.
/// </summary>
public static class KafkaChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        var production = (after ?? before)?.Tier == Spec.Kinds.EnvironmentTier.Production;
        var (same, _, _) = Pairing.Pair(before?.Stores.Kafkas ?? [], after?.Stores.Kafkas ?? [], Pairing.ByNameThenSoleServer<KafkaPlan>(k => k.ObjectName));
        foreach (var (was, now) in same)
        {
            var topicsBefore = was.Topics.ToDictionary(t => t.Name, StringComparer.Ordinal);
            foreach (var topic in now.Topics.Where(t => topicsBefore.ContainsKey(t.Name)))
            {
                var subject = $"{now.Backend.Name} ({now.ObjectName}), topic {topic.Name}";
                StoreRetention.Compare(subject, "messages", topicsBefore[topic.Name].Retention, topic.Retention, production, changes);
                StoreRetention.CompareSize(subject, topicsBefore[topic.Name].Size, topic.Size, production, changes);
            }
        }
    }
}
