using System.Text;
using Telc.Model;

namespace Telc.Emit.Kafka;

/// <summary>
/// The topics Job's script (bash, run in the Kafka image with its tools): waits until enough brokers for a topic's
/// replicas have registered, then for each topic creates it when it is missing, adds partitions when it has fewer than
/// the spec asks (Kafka never removes any), and sets its configs (creating with --if-not-exists leaves an existing
/// topic's configs alone). Every step is idempotent; it stops at the first refusal, and the Job retries it.
/// </summary>
public static class TopicsScript
{
    public const string FileName = "topics.sh";

    public static string Build(KafkaPlan plan)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line("#!/bin/bash");
        Line($"# Topics of Kafka '{plan.Backend.Name}', rendered by telc. Every step is idempotent.");
        Line("set -euo pipefail");
        Line("export PATH=\"/opt/kafka/bin:$PATH\"");
        Line($"bootstrap={plan.ObjectName}:{KafkaPlan.ClientPort}");
        Line();
        Line("# Waits until COUNT brokers have registered, for at most ten minutes (then the Job retries).");
        Line("ready() {");
        Line("  for _ in $(seq 60); do");
        Line("    count=$(kafka-broker-api-versions.sh --bootstrap-server \"$bootstrap\" 2> /dev/null | grep -c ' (id: ' || true)");
        Line("    [ \"${count:-0}\" -ge \"$1\" ] && return 0");
        Line("    echo \"waiting for $1 brokers at $bootstrap\"; sleep 10");
        Line("  done");
        Line("  echo \"$1 brokers did not register at $bootstrap in ten minutes\" >&2; exit 1");
        Line("}");
        Line();
        Line("# NAME PARTITIONS CONFIGS");
        Line("topic() {");
        Line($"  kafka-topics.sh --bootstrap-server \"$bootstrap\" --create --if-not-exists --topic \"$1\" --partitions \"$2\" --replication-factor {plan.ReplicationFactor}");
        Line("  partitions=$(kafka-topics.sh --bootstrap-server \"$bootstrap\" --describe --topic \"$1\" \\");
        Line("    | awk '/PartitionCount:/ { for (i = 1; i < NF; i++) if ($i == \"PartitionCount:\") print $(i + 1) }')");
        Line("  if [ \"$partitions\" -lt \"$2\" ]; then");
        Line("    kafka-topics.sh --bootstrap-server \"$bootstrap\" --alter --topic \"$1\" --partitions \"$2\"");
        Line("  fi");
        Line("  kafka-configs.sh --bootstrap-server \"$bootstrap\" --alter --entity-type topics --entity-name \"$1\" --add-config \"$3\"");
        Line("}");
        Line();
        Line($"ready {plan.ReplicationFactor}");
        foreach (var topic in plan.Topics)
        {
            Line($"topic {topic.Name} {plan.Spec.Partitions} {string.Join(",", TopicConfig.For(topic, plan.Spec.Partitions).Select(c => $"{c.Key}={c.Value}"))}");
        }

        return text.ToString();
    }
}
