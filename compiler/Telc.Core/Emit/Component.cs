using System.Collections.Immutable;
using Telc.Emit.Kubernetes;

namespace Telc.Emit;

/// <summary>The objects of one component, rendered into one folder of the cluster's tree.</summary>
public sealed record Component(string Folder, ImmutableArray<IKubernetesObject> Objects);
