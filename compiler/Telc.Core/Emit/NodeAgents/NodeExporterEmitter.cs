using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Spec;

namespace Telc.Emit.NodeAgents;

/// <summary>node-exporter on every node, control-plane nodes included, reading the host's filesystems read-only.</summary>
public sealed class NodeExporterEmitter : IEmitter
{
    /// <summary>Nothing of its own: a MetricPipeline's node input, rendered with the pipeline.</summary>
    public bool Renders(SpecModel model, Resource resource) => false;

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) =>
        cluster.Metrics.NodeExporter is { } plan ? [Emit(plan, context.Factory)] : [];

    private const string App = "node-exporter";

    public static Component Emit(NodeAgentPlan plan, ObjectFactory factory)
    {
        var name = plan.ObjectName;
        var source = plan.RequestedBy;
        var container = new Container(
            "node-exporter", Images.NodeExporter,
            ["--path.rootfs=/host/root", "--web.listen-address=:9100", "--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run/k3s/containerd/.+|var/lib/docker/.+|var/lib/kubelet/pods/.+)($|/)"],
            [new NamedPort("http-metrics", 9100)],
            ObjectFactory.Resources(null, "50m", "64Mi", "128Mi"),
            [new VolumeMount("root", "/host/root", ReadOnly: true)],
            ReadinessProbe: new Probe(new HttpGetAction("/", "http-metrics"), 5, 15),
            LivenessProbe: new Probe(new HttpGetAction("/", "http-metrics"), 15, 30),
            SecurityContext: new ContainerSecurityContext());
        var pod = new PodSpec(
            [container], ServiceAccountName: name, Volumes: [new Volume("root", HostPath: new HostPathVolumeSource("/"))],
            SecurityContext: new PodSecurityContext(65534, 65534, null, true),
            Tolerations: [new Toleration()], HostNetwork: true, HostPID: true);
        return new Component(name, [
            new ServiceAccount(factory.Meta(name, App, source)),
            new Service(factory.Meta(name, App, source), new ServiceSpec(factory.Selector(name, App), [new ServicePort("http-metrics", 9100, "http-metrics")], ClusterIP: "None")),
            new DaemonSet(factory.Meta(name, App, source), new DaemonSetSpec(new LabelSelector(factory.Selector(name, App)), factory.Template(name, App, pod))),
        ]);
    }
}
