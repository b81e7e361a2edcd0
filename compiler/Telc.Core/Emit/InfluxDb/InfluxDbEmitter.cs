using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.InfluxDb;

/// <summary>
/// An InfluxDB 2 backend of a cluster: a StatefulSet set up on its first start from the image's DOCKER_INFLUXDB_INIT_*
/// environment (organization, bucket, retention, an admin user whose password and token come from the spec's Secret),
/// its Service, and the Job that applies the bucket's retention whenever it changes (<see cref="RetentionScript"/>).
/// OTLP metric pipelines write to it through the collector's influxdb exporter with the same token.
/// </summary>
public sealed class InfluxDbEmitter : IEmitter
{
    public const string App = "influxdb";

    /// <summary>The uid and gid of the image's influxdb user; its entrypoint changes owners only when it runs as root.</summary>
    public const int User = 1000;

    public const string AdminUser = "admin";

    private const string DataDirectory = "/var/lib/influxdb2";

    public bool Renders(SpecModel model, Resource resource) => resource.Spec is BackendSpec { Influxdb: not null };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) =>
        cluster.Stores.InfluxDbs.Select(plan => new Component(plan.ObjectName, [.. Server(plan, context.Factory), .. RetentionJob(plan, context.Factory)]));

    private static IEnumerable<IKubernetesObject> Server(InfluxDbPlan plan, ObjectFactory factory)
    {
        var name = plan.ObjectName;
        var token = plan.Spec.TokenSecretRef!;
        (string Name, string Value)[] setup =
        [
            ("DOCKER_INFLUXDB_INIT_MODE", "setup"),
            ("DOCKER_INFLUXDB_INIT_USERNAME", AdminUser),
            ("DOCKER_INFLUXDB_INIT_ORG", plan.Spec.Organization),
            ("DOCKER_INFLUXDB_INIT_BUCKET", plan.Spec.Bucket),
            ("DOCKER_INFLUXDB_INIT_RETENTION", RetentionScript.Retention(plan.Retention)),
        ];
        var health = new HttpGetAction("/health", "http");
        var container = new Container(
            App, Images.InfluxDb, default, [new NamedPort("http", InfluxDbPlan.HttpPort)],
            ObjectFactory.Resources(null, "250m", "512Mi", "2Gi"),
            [new VolumeMount("data", DataDirectory)],
            ReadinessProbe: new Probe(health, 10, 10),
            LivenessProbe: new Probe(health, 60, 30, FailureThreshold: 5),
            // The first-boot setup writes the influx CLI's config under /etc/influxdb2.
            SecurityContext: new ContainerSecurityContext(ReadOnlyRootFilesystem: false, RunAsUser: User, Capabilities: new Capabilities(["ALL"]), RunAsNonRoot: true),
            Env: [.. setup.Select(s => new EnvVar(s.Name, Value: s.Value)),
                ObjectFactory.SecretVariable("DOCKER_INFLUXDB_INIT_PASSWORD", token), ObjectFactory.SecretVariable("DOCKER_INFLUXDB_INIT_ADMIN_TOKEN", token)]);
        var pod = new PodSpec([container], Volumes: plan.Spec.Storage is null ? [new Volume("data", EmptyDir: new EmptyDirVolumeSource())] : default,
            SecurityContext: new PodSecurityContext(User, User, User, true), TerminationGracePeriodSeconds: 60);
        return
        [
            new Service(factory.Meta(name, App, plan.Backend), new ServiceSpec(factory.Selector(name, App), [new ServicePort("http", InfluxDbPlan.HttpPort, "http")])),
            new StatefulSet(factory.Meta(name, App, plan.Backend), new StatefulSetSpec(
                1, name, new LabelSelector(factory.Selector(name, App)), factory.Template(name, App, pod, [.. setup.Select(s => $"{s.Name}={s.Value}")]),
                ObjectFactory.DataClaims(plan.Spec.Storage))),
        ];
    }

    /// <summary>The retention Job (<see cref="SetupJob"/>): a new one whenever the retention changes, so a change after the first boot applies too.</summary>
    private static IEnumerable<IKubernetesObject> RetentionJob(InfluxDbPlan plan, ObjectFactory factory)
    {
        // The influx CLI keeps its configs under /etc/influxdb2.
        return SetupJob.Objects(factory, plan.ObjectName + "-retention", App, plan.Backend, [(RetentionScript.FileName, RetentionScript.Build(plan))],
            new SetupScriptRun("retention", Images.InfluxDb, User, RetentionScript.FileName,
                [new EnvVar("INFLUX_HOST", Value: $"http://{plan.ObjectName}:{InfluxDbPlan.HttpPort}"), new EnvVar("INFLUX_ORG", Value: plan.Spec.Organization),
                    ObjectFactory.SecretVariable("INFLUX_TOKEN", plan.Spec.TokenSecretRef!)],
                ObjectFactory.Resources(null, "10m", "32Mi", "64Mi"), Scratch: "/etc/influxdb2"));
    }
}
