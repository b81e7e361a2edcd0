using System.Collections.Immutable;

namespace Telc.Emit.Kubernetes;

public sealed record ClusterRole(ObjectMeta Metadata, ImmutableArray<PolicyRule> Rules) : IKubernetesObject
{
    public string ApiVersion => "rbac.authorization.k8s.io/v1";

    public string Kind => "ClusterRole";
}

public sealed record PolicyRule(
    ImmutableArray<string> ApiGroups,
    ImmutableArray<string> Resources,
    ImmutableArray<string> Verbs,
    [property: Telc.Output.OutputName("nonResourceURLs")] ImmutableArray<string> NonResourceUrls = default);

public sealed record ClusterRoleBinding(ObjectMeta Metadata, RoleRef RoleRef, ImmutableArray<Subject> Subjects) : IKubernetesObject
{
    public string ApiVersion => "rbac.authorization.k8s.io/v1";

    public string Kind => "ClusterRoleBinding";
}

public sealed record RoleRef(string Name, string ApiGroup = "rbac.authorization.k8s.io", string Kind = "ClusterRole");

public sealed record Subject(string Name, string Namespace, string Kind = "ServiceAccount");
