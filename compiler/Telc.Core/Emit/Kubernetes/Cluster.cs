using System.Collections.Immutable;

namespace Telc.Emit.Kubernetes;

public sealed record Namespace(ObjectMeta Metadata) : IKubernetesObject
{
    public string ApiVersion => "v1";

    public string Kind => "Namespace";
}

public sealed record Kustomization(ImmutableArray<string> Resources)
{
    public string ApiVersion => "kustomize.config.k8s.io/v1beta1";

    public string Kind => "Kustomization";
}
