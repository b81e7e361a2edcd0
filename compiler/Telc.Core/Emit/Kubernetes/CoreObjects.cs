using System.Collections.Immutable;

namespace Telc.Emit.Kubernetes;

public sealed record ConfigMap(ObjectMeta Metadata, ImmutableSortedDictionary<string, string> Data) : IKubernetesObject
{
    public string ApiVersion => "v1";

    public string Kind => "ConfigMap";
}

public sealed record ServiceAccount(ObjectMeta Metadata) : IKubernetesObject
{
    public string ApiVersion => "v1";

    public string Kind => "ServiceAccount";
}

public sealed record Service(ObjectMeta Metadata, ServiceSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "v1";

    public string Kind => "Service";
}

public sealed record ServiceSpec(
    ImmutableSortedDictionary<string, string> Selector,
    ImmutableArray<ServicePort> Ports,
    string? ClusterIP = null,
    bool? PublishNotReadyAddresses = null);

public sealed record ServicePort(string Name, int Port, string TargetPort, string Protocol = "TCP");
