using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Kafka;

/// <summary>
/// A Kafka backend of a cluster: its brokers (<see cref="KafkaBrokers"/>) and the Job that creates the topics of the
/// pipelines that write to it and keeps their partitions and retention as the spec says (<see cref="TopicsScript"/>).
/// </summary>
public sealed class KafkaEmitter : IEmitter
{
    public bool Renders(SpecModel model, Resource resource) => resource.Spec is BackendSpec { Kafka: not null };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) =>
        cluster.Stores.Kafkas.Select(plan => new Component(plan.ObjectName, [.. KafkaBrokers.Objects(plan, cluster.Namespace, context.Factory), .. Topics(plan, context.Factory)]));

    /// <summary>The topics Job (<see cref="SetupJob"/>), on the Kafka image; none when no pipeline writes to the Kafka.</summary>
    private static IEnumerable<IKubernetesObject> Topics(KafkaPlan plan, ObjectFactory factory)
    {
        if (plan.Topics.IsEmpty)
        {
            return [];
        }

        var name = plan.ObjectName + "-topics";
        var (files, mount) = SetupJob.Files(name);
        // The tools' JVM writes its temporary files (and Kafka's scripts their log folder) under /tmp.
        var container = new Container(
            "topics", Images.Kafka, [$"{SetupJob.Directory}/{TopicsScript.FileName}"], default,
            ObjectFactory.Resources(null, "50m", "256Mi", "512Mi"),
            [mount, new VolumeMount("tmp", "/tmp")],
            SecurityContext: new ContainerSecurityContext(RunAsUser: KafkaBrokers.User, Capabilities: new Capabilities(["ALL"]), RunAsNonRoot: true),
            Env: [new EnvVar("LOG_DIR", Value: "/tmp/logs")],
            Command: ["bash"]);
        var pod = new PodSpec([container], Volumes: [files, new Volume("tmp", EmptyDir: new EmptyDirVolumeSource())], RestartPolicy: "OnFailure", EnableServiceLinks: false);
        return SetupJob.Objects(factory, name, KafkaBrokers.App, plan.Backend, [(TopicsScript.FileName, TopicsScript.Build(plan))], pod);
    }
}
