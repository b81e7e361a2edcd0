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

        // The tools' JVM writes its temporary files (and Kafka's scripts their log folder) under /tmp.
        return SetupJob.Objects(factory, plan.ObjectName + "-topics", KafkaBrokers.App, plan.Backend, [(TopicsScript.FileName, TopicsScript.Build(plan))],
            new SetupScriptRun("topics", Images.Kafka, KafkaBrokers.User, TopicsScript.FileName, [new EnvVar("LOG_DIR", Value: "/tmp/logs")],
                ObjectFactory.Resources(null, "50m", "256Mi", "512Mi"), Scratch: "/tmp", EnableServiceLinks: false));
    }
}
