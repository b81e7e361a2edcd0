using Telc.Emit.Kubernetes;
using Telc.Text;

namespace Telc.Policies;

/// <summary>A Kubernetes object telc renders for a cluster, with the spec line it comes from.</summary>
public sealed record RenderedObject(string Cluster, string Path, IKubernetesObject Object, SourceLocation Source)
{
    /// <summary>The waiver target of a finding about this object: <c>cluster/kind/name</c>.</summary>
    public string Target => $"{Cluster}/{Object.Kind}/{Object.Metadata.Name}";

    /// <summary>The pod template's spec of a workload (StatefulSet, Deployment, DaemonSet, Job); null for other objects.</summary>
    public PodSpec? Pod => Object switch
    {
        StatefulSet set => set.Spec.Template.Spec,
        Deployment deployment => deployment.Spec.Template.Spec,
        DaemonSet daemons => daemons.Spec.Template.Spec,
        Job job => job.Spec.Template.Spec,
        _ => null,
    };

    /// <summary>Every container of the pod template, init containers first, as they run; none for other objects.</summary>
    public IEnumerable<Container> Containers => Pod is { } pod ? [.. pod.InitContainers.IsDefault ? [] : pod.InitContainers, .. pod.Containers] : [];
}
