using System.Globalization;
using Telc.Emit.Kubernetes;
using Telc.Model;

namespace Telc.Emit.Kafka;

/// <summary>
/// The brokers of a Kafka cluster in KRaft mode: a StatefulSet whose every pod is a broker and a controller, the voters
/// fixed (static voters, the only kind the image's start script can format) as the pods' ordinals at their addresses
/// on the headless Service; a client Service to bootstrap from. Configured through the image's environment (KAFKA_X_Y
/// becomes x.y in server.properties), each broker takes its node id and advertised address from its pod's name.
/// </summary>
public static class KafkaBrokers
{
    public const int ControllerPort = 9093;

    /// <summary>The uid of the image's appuser (Alpine's adduser -D takes the first free one).</summary>
    public const int User = 1000;

    public const string App = "kafka";

    private const string DataDirectory = "/var/lib/kafka/data";

    public static IEnumerable<IKubernetesObject> Objects(KafkaPlan plan, string ns, ObjectFactory factory)
    {
        var name = plan.ObjectName;
        var brokers = name + "-brokers";
        var domain = $"{brokers}.{ns}.svc";
        var settings = Settings(plan, domain);
        // The node id and the advertised listener differ per pod; the rest of the environment is the same on every one.
        string[] start =
        [
            "export KAFKA_NODE_ID=\"${HOSTNAME##*-}\"",
            $"export KAFKA_ADVERTISED_LISTENERS=\"PLAINTEXT://${{HOSTNAME}}.{domain}:{KafkaPlan.ClientPort}\"",
            "exec /etc/kafka/docker/run",
        ];
        var container = new Container(
            "kafka", Images.Kafka, [string.Join("\n", start)],
            [new NamedPort("broker", KafkaPlan.ClientPort), new NamedPort("controller", ControllerPort)],
            ObjectFactory.Resources(null, "250m", "1Gi", "2Gi"),
            [new VolumeMount("data", DataDirectory)],
            ReadinessProbe: new Probe(null, 15, 10, TcpSocket: new TcpSocketAction("broker")),
            // The start script writes server.properties into the image's config folder.
            SecurityContext: new ContainerSecurityContext(ReadOnlyRootFilesystem: false, RunAsUser: User, Capabilities: new Capabilities(["ALL"]), RunAsNonRoot: true),
            Env: [.. settings.Select(s => new EnvVar(s.Key, Value: s.Value))],
            Command: ["bash", "-c"]);
        // No Service links: the image would take KAFKA_-prefixed ones (a Service named kafka-…) for broker settings.
        var pod = new PodSpec([container], Volumes: plan.Spec.Storage is null ? [new Volume("data", EmptyDir: new EmptyDirVolumeSource())] : default,
            SecurityContext: new PodSecurityContext(User, User, User), TerminationGracePeriodSeconds: 120, EnableServiceLinks: false);
        var broker = new ServicePort("broker", KafkaPlan.ClientPort, "broker");
        return
        [
            new Service(factory.Meta(name, App, plan.Backend), new ServiceSpec(factory.Selector(name, App), [broker])),
            // Brokers and voters reach each other before they are ready, so the headless Service lists them from the start.
            new Service(factory.Meta(brokers, App, plan.Backend), new ServiceSpec(factory.Selector(name, App),
                [broker, new ServicePort("controller", ControllerPort, "controller")], ClusterIP: "None", PublishNotReadyAddresses: true)),
            new StatefulSet(factory.Meta(name, App, plan.Backend), new StatefulSetSpec(
                plan.Spec.Replicas, brokers, new LabelSelector(factory.Selector(name, App)),
                factory.Template(name, App, pod, [.. start, .. settings.Select(s => $"{s.Key}={s.Value}")]),
                ObjectFactory.DataClaims(plan.Spec.Storage))),
        ];
    }

    /// <summary>
    /// The settings every broker shares. Logs go to a folder inside the volume (Kafka's own default is under /tmp), and
    /// topics are created only by the topics Job, never by a client writing to a misspelt one.
    /// </summary>
    private static List<KeyValuePair<string, string>> Settings(KafkaPlan plan, string domain)
    {
        string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
        var voters = Enumerable.Range(0, plan.Spec.Replicas).Select(i => $"{i}@{plan.ObjectName}-{i}.{domain}:{ControllerPort}");
        return
        [
            new("CLUSTER_ID", plan.ClusterId),
            new("KAFKA_PROCESS_ROLES", "broker,controller"),
            new("KAFKA_LISTENERS", $"PLAINTEXT://:{KafkaPlan.ClientPort},CONTROLLER://:{ControllerPort}"),
            new("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
            new("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
            new("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT"),
            new("KAFKA_CONTROLLER_QUORUM_VOTERS", string.Join(",", voters)),
            new("KAFKA_LOG_DIRS", $"{DataDirectory}/logs"),
            new("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false"),
            new("KAFKA_DEFAULT_REPLICATION_FACTOR", Number(plan.ReplicationFactor)),
            new("KAFKA_MIN_INSYNC_REPLICAS", Number(plan.MinInSyncReplicas)),
            new("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", Number(plan.ReplicationFactor)),
            new("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", Number(plan.ReplicationFactor)),
            new("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", Number(plan.MinInSyncReplicas)),
            new("KAFKA_HEAP_OPTS", "-Xms512m -Xmx512m"),
        ];
    }
}
