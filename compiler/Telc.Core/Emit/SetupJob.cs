using Telc.Emit.Kubernetes;
using Telc.Output;
using Telc.Spec;

namespace Telc.Emit;

/// <summary>
/// A Job that sets up a store once, with its script and files in a ConfigMap mounted at <see cref="Directory"/>. A
/// Job's pod template cannot change, so the Job's name ends in a hash of what it does: a change is a new Job, which
/// runs once (Argo CD and Flux prune the old one), and an unchanged render leaves the finished Job alone. It keeps no
/// TTL, or a GitOps tool would recreate it, and it would run again. Every step it takes must be idempotent.
/// </summary>
public static class SetupJob
{
    public const string Directory = "/etc/telc/setup";

    private const string Volume = "setup";

    /// <summary>The ConfigMap named <paramref name="name"/> and the Job named after it and the hash, running the pod.</summary>
    public static IEnumerable<IKubernetesObject> Objects(ObjectFactory factory, string name, string app, Resource source, IReadOnlyList<(string File, string Text)> files, PodSpec pod)
    {
        var texts = files.Select(f => f.Text).Prepend(CanonicalYamlWriter.Write(pod)).ToArray();
        var job = $"{name}-{ObjectFactory.Checksum(texts)[..10]}";
        yield return new ConfigMap(factory.Meta(name, app, source), ObjectFactory.Map([.. files]));
        yield return new Job(factory.Meta(job, app, source), new JobSpec(factory.Template(job, app, pod, texts), BackoffLimit: 6));
    }

    /// <summary>The volume of the ConfigMap named <paramref name="name"/>, and its read-only mount at <see cref="Directory"/>.</summary>
    public static (Volume Volume, VolumeMount Mount) Files(string name) =>
        (new Volume(Volume, ConfigMap: new ConfigMapVolumeSource(name)), new VolumeMount(Volume, Directory, ReadOnly: true));
}
