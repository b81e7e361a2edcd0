using Telc.Diagnostics;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Loki;

/// <summary>
/// A single-binary Loki per Loki backend of a cluster: StatefulSet with its data on a volume claim, Service, and its
/// config, checked against the schema derived from the pinned Loki's sources. Log pipelines ship to it over OTLP
/// (http://loki-NAME.NAMESPACE.svc:3100/otlp). Its ruler is not rendered yet: AlertGroups for Loki stay TELC501.
/// </summary>
public sealed class LokiEmitter : IEmitter
{
    private const string App = "loki";
    private const string ConfigDirectory = "/etc/loki";

    public bool Renders(SpecModel model, Resource resource) => resource.Spec is BackendSpec { Loki: not null };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) => cluster.Stores.Lokis.Select(plan => Emit(cluster, plan, context));

    private static Component Emit(ClusterPlan cluster, LokiPlan plan, EmitContext context)
    {
        var factory = context.Factory;
        var name = plan.ObjectName;
        var source = plan.Backend;
        var config = LokiConfigBuilder.Build(plan);
        ConfigProblem.Report(LokiConfigChecker.Check(config), _ => source.Location,
            $"the rendered config of Loki '{source.Name}' in cluster '{cluster.Name}' would be refused by Loki", context.Diagnostics);

        var text = CanonicalYamlWriter.Write(config);
        var volumes = new List<Volume> { new("config", ConfigMap: new ConfigMapVolumeSource(name + "-config")) };
        if (plan.Spec.Storage is null)
        {
            volumes.Add(new Volume("data", EmptyDir: new EmptyDirVolumeSource()));
        }

        var container = new Container(
            "loki", Images.Loki, [$"-config.file={ConfigDirectory}/loki.yaml", "-target=all"],
            [new NamedPort("http", LokiConfigBuilder.HttpPort), new NamedPort("grpc", LokiConfigBuilder.GrpcPort)],
            ObjectFactory.Resources(plan.Spec.Resources, "250m", "512Mi", "2Gi"),
            [new VolumeMount("config", ConfigDirectory, ReadOnly: true), new VolumeMount("data", LokiConfigBuilder.DataDirectory)],
            ReadinessProbe: new Probe(new HttpGetAction("/ready", "http"), 15, 10),
            LivenessProbe: new Probe(new HttpGetAction("/ready", "http"), 60, 30, FailureThreshold: 5),
            SecurityContext: new ContainerSecurityContext());
        var pod = new PodSpec([container], Volumes: [.. volumes], SecurityContext: new PodSecurityContext(10001, 10001, 10001, true), TerminationGracePeriodSeconds: 300);
        return new Component(name, [
            new ConfigMap(factory.Meta(name + "-config", App, source), ObjectFactory.Map(("loki.yaml", text))),
            new Service(factory.Meta(name, App, source), new ServiceSpec(factory.Selector(name, App), [
                new ServicePort("http", LokiConfigBuilder.HttpPort, "http"), new ServicePort("grpc", LokiConfigBuilder.GrpcPort, "grpc"),
            ])),
            new StatefulSet(factory.Meta(name, App, source), new StatefulSetSpec(
                1, name, new LabelSelector(factory.Selector(name, App)), factory.Template(name, App, pod, text), ObjectFactory.DataClaims(plan.Spec.Storage))),
        ]);
    }
}
