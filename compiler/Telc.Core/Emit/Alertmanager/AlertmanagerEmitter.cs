using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Alertmanager;

/// <summary>An Alertmanager: StatefulSet clustered over a headless Service, its config, the receivers' Secrets mounted.</summary>
public sealed class AlertmanagerEmitter : IEmitter
{
    /// <summary>Alertmanager backends, their routing, and the Team receivers that become routes.</summary>
    public bool Renders(SpecModel model, Resource resource) => resource.Spec switch
    {
        BackendSpec backend => backend.Alertmanager is not null,
        AlertRoutingSpec => true,
        TeamSpec => true,
        _ => false,
    };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) => cluster.Routing.Alertmanagers.Select(a => Emit(a, context.Factory));

    private const string App = "alertmanager";

    public static Component Emit(AlertmanagerPlan plan, ObjectFactory factory)
    {
        var name = plan.ObjectName;
        var source = plan.Backend;
        var config = CanonicalYamlWriter.Write(AlertmanagerConfigBuilder.Build(plan));
        var secrets = AlertmanagerConfigBuilder.SecretNames(plan);
        var args = new List<string>
        {
            "--config.file=/etc/alertmanager/alertmanager.yml",
            "--storage.path=/alertmanager",
            "--web.listen-address=:9093",
        };
        if (plan.Spec.Replicas > 1)
        {
            args.Add("--cluster.listen-address=0.0.0.0:9094");
            args.AddRange(Enumerable.Range(0, plan.Spec.Replicas).Select(i => $"--cluster.peer={name}-{i}.{name}.{factory.Namespace}.svc:9094"));
        }
        else
        {
            args.Add("--cluster.listen-address=");
        }

        var volumes = ImmutableArray.CreateBuilder<Volume>();
        volumes.Add(new Volume("config", ConfigMap: new ConfigMapVolumeSource(name + "-config")));
        if (plan.Spec.Storage is null)
        {
            volumes.Add(new Volume("data", EmptyDir: new EmptyDirVolumeSource()));
        }

        volumes.AddRange(secrets.Select(s => new Volume("secret-" + s, Secret: new SecretVolumeSource(s))));
        var container = new Container(
            "alertmanager", Images.Alertmanager, [.. args], [new NamedPort("web", 9093), new NamedPort("mesh", 9094)],
            ObjectFactory.Resources(plan.Spec.Resources, "50m", "128Mi", "256Mi"),
            [
                new VolumeMount("config", "/etc/alertmanager", ReadOnly: true),
                new VolumeMount("data", "/alertmanager"),
                .. secrets.Select(s => new VolumeMount("secret-" + s, $"{AlertmanagerConfigBuilder.SecretsDirectory}/{s}", ReadOnly: true)),
            ],
            ReadinessProbe: new Probe(new HttpGetAction("/-/ready", "web"), 5, 10),
            LivenessProbe: new Probe(new HttpGetAction("/-/healthy", "web"), 15, 15),
            SecurityContext: new ContainerSecurityContext());
        var pod = new PodSpec([container], Volumes: volumes.ToImmutable(), SecurityContext: new PodSecurityContext(65534, 65534, 65534, true));
        var claims = ObjectFactory.DataClaims(plan.Spec.Storage);

        var routingSource = plan.Routing ?? source;
        return new Component(name, [
            new ConfigMap(factory.Meta(name + "-config", App, routingSource), ObjectFactory.Map(("alertmanager.yml", config))),
            new Service(factory.Meta(name, App, source), new ServiceSpec(factory.Selector(name, App),
                [new ServicePort("web", 9093, "web"), new ServicePort("mesh", 9094, "mesh")], ClusterIP: "None", PublishNotReadyAddresses: true)),
            new StatefulSet(factory.Meta(name, App, source), new StatefulSetSpec(
                plan.Spec.Replicas, name, new LabelSelector(factory.Selector(name, App)), factory.Template(name, App, pod, config), claims)),
        ]);
    }
}
