using Telc.Emit.Kubernetes;
using Telc.Spec;

namespace Telc.Emit.Prometheus;

/// <summary>The identity of a Prometheus and the read-only access its Kubernetes service discovery needs.</summary>
public static class PrometheusRbac
{
    public static IKubernetesObject[] Objects(string name, string app, Resource source, ObjectFactory factory)
    {
        var clusterRoleName = $"telc-{factory.Namespace}-{name}";
        string[] read = ["get", "list", "watch"];
        return
        [
            new ServiceAccount(factory.Meta(name, app, source)),
            new ClusterRole(factory.Meta(clusterRoleName, app, source, clusterScoped: true), [
                new PolicyRule([""], ["nodes", "nodes/metrics", "services", "endpoints", "pods"], [.. read]),
                new PolicyRule(["discovery.k8s.io"], ["endpointslices"], [.. read]),
                new PolicyRule([], [], ["get"], ["/metrics", "/metrics/cadvisor"]),
            ]),
            new ClusterRoleBinding(factory.Meta(clusterRoleName, app, source, clusterScoped: true), new RoleRef(clusterRoleName), [new Subject(name, factory.Namespace)]),
        ];
    }
}
