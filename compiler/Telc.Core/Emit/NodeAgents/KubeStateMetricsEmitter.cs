using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Spec;

namespace Telc.Emit.NodeAgents;

/// <summary>kube-state-metrics with the read-only RBAC it needs to report the state of cluster objects.</summary>
public sealed class KubeStateMetricsEmitter : IEmitter
{
    /// <summary>Nothing of its own: a MetricPipeline's kube-state input, rendered with the pipeline.</summary>
    public bool Renders(SpecModel model, Resource resource) => false;

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) =>
        cluster.Metrics.KubeStateMetrics is { } plan ? [Emit(plan, context.Factory)] : [];

    private const string App = "kube-state-metrics";

    public static Component Emit(NodeAgentPlan plan, ObjectFactory factory)
    {
        var name = plan.ObjectName;
        var source = plan.RequestedBy;
        var roleName = $"telc-{factory.Namespace}-{name}";
        var container = new Container(
            "kube-state-metrics", Images.KubeStateMetrics, ["--port=8080", "--telemetry-port=8081"],
            [new NamedPort("http-metrics", 8080), new NamedPort("telemetry", 8081)],
            ObjectFactory.Resources(null, "50m", "128Mi", "256Mi"),
            ReadinessProbe: new Probe(new HttpGetAction("/readyz", "telemetry"), 5, 10),
            LivenessProbe: new Probe(new HttpGetAction("/livez", "http-metrics"), 5, 10),
            SecurityContext: new ContainerSecurityContext());
        var pod = new PodSpec([container], ServiceAccountName: name, SecurityContext: new PodSecurityContext(65534, 65534, null, true));
        string[] read = ["list", "watch"];
        return new Component(name, [
            new ServiceAccount(factory.Meta(name, App, source)),
            new ClusterRole(factory.Meta(roleName, App, source, clusterScoped: true), [
                new PolicyRule([""], ["configmaps", "endpoints", "limitranges", "namespaces", "nodes", "persistentvolumeclaims", "persistentvolumes", "pods",
                    "replicationcontrollers", "resourcequotas", "services"], [.. read]),
                new PolicyRule(["apps"], ["daemonsets", "deployments", "replicasets", "statefulsets"], [.. read]),
                new PolicyRule(["batch"], ["cronjobs", "jobs"], [.. read]),
                new PolicyRule(["autoscaling"], ["horizontalpodautoscalers"], [.. read]),
                new PolicyRule(["policy"], ["poddisruptionbudgets"], [.. read]),
                new PolicyRule(["networking.k8s.io"], ["ingresses", "networkpolicies"], [.. read]),
                new PolicyRule(["storage.k8s.io"], ["storageclasses", "volumeattachments"], [.. read]),
                new PolicyRule(["certificates.k8s.io"], ["certificatesigningrequests"], [.. read]),
                new PolicyRule(["coordination.k8s.io"], ["leases"], [.. read]),
                new PolicyRule(["discovery.k8s.io"], ["endpointslices"], [.. read]),
                new PolicyRule(["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"], [.. read]),
            ]),
            new ClusterRoleBinding(factory.Meta(roleName, App, source, clusterScoped: true), new RoleRef(roleName), [new Subject(name, factory.Namespace)]),
            new Service(factory.Meta(name, App, source), new ServiceSpec(factory.Selector(name, App),
                [new ServicePort("http-metrics", 8080, "http-metrics"), new ServicePort("telemetry", 8081, "telemetry")])),
            new Deployment(factory.Meta(name, App, source), new DeploymentSpec(1, new LabelSelector(factory.Selector(name, App)), factory.Template(name, App, pod))),
        ]);
    }
}
