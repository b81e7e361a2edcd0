using System.Collections.Immutable;

namespace Telc.Emit.Kubernetes;

public sealed record ObjectMeta(
    string Name,
    string? Namespace = null,
    ImmutableSortedDictionary<string, string>? Labels = null,
    ImmutableSortedDictionary<string, string>? Annotations = null);

/// <summary>Anything rendered as one Kubernetes object: what the kustomization and file naming need.</summary>
public interface IKubernetesObject
{
    string ApiVersion { get; }

    string Kind { get; }

    ObjectMeta Metadata { get; }
}
