using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Output;
using Telc.Spec;

namespace Telc.Emit;

/// <summary>
/// A Job that sets up a store once: a bash script and its files in a ConfigMap mounted at <see cref="Directory"/>, run
/// in the store's image. A Job's pod template cannot change, so the Job's name ends in a hash of what it does: a change
/// is a new Job, which runs once (Argo CD and Flux prune the old one), and an unchanged render leaves the finished Job
/// alone. It keeps no TTL, or a GitOps tool would recreate it, and it would run again. Every step it takes must be idempotent.
/// </summary>
public static class SetupJob
{
    public const string Directory = "/etc/telc/setup";

    private const string Volume = "setup";

    private const string ScratchVolume = "scratch";

    /// <summary>The ConfigMap named <paramref name="name"/> with the files, and the Job named after it and the hash, running the script.</summary>
    public static IEnumerable<IKubernetesObject> Objects(ObjectFactory factory, string name, string app, Resource source, IReadOnlyList<(string File, string Text)> files, SetupScriptRun run)
    {
        var pod = Pod(name, run);
        var texts = files.Select(f => f.Text).Prepend(CanonicalYamlWriter.Write(pod)).ToArray();
        var job = $"{name}-{ObjectFactory.Checksum(texts)[..10]}";
        yield return new ConfigMap(factory.Meta(name, app, source), ObjectFactory.Map([.. files]));
        yield return new Job(factory.Meta(job, app, source), new JobSpec(factory.Template(job, app, pod, texts), BackoffLimit: 6));
    }

    private static PodSpec Pod(string name, SetupScriptRun run)
    {
        var container = new Container(
            run.Container, run.Image, [$"{Directory}/{run.Script}"], default, run.Resources,
            [new VolumeMount(Volume, Directory, ReadOnly: true), .. run.Scratch is null ? [] : new[] { new VolumeMount(ScratchVolume, run.Scratch) }],
            SecurityContext: new ContainerSecurityContext(RunAsUser: run.User, Capabilities: new Capabilities(["ALL"]), RunAsNonRoot: true),
            Env: run.Environment,
            Command: ["bash"]);
        return new PodSpec([container],
            Volumes: [new Volume(Volume, ConfigMap: new ConfigMapVolumeSource(name)), .. run.Scratch is null ? [] : new[] { new Volume(ScratchVolume, EmptyDir: new EmptyDirVolumeSource()) }],
            RestartPolicy: "OnFailure", EnableServiceLinks: run.EnableServiceLinks);
    }
}

/// <summary>
/// What a setup Job runs: the bash script <paramref name="Script"/> (one of its files) in <paramref name="Image"/> as
/// <paramref name="User"/>, with its root file system read-only.
/// </summary>
/// <param name="Scratch">A folder the image's tools write to, an emptyDir.</param>
public sealed record SetupScriptRun(
    string Container, string Image, int User, string Script, ImmutableArray<EnvVar> Environment, ResourceRequirements Resources, string? Scratch = null, bool? EnableServiceLinks = null);
