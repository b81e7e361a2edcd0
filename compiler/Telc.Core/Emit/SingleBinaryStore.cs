using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit;

/// <summary>
/// A store telc runs as one pod of a single binary (Loki, Tempo): its config file NAME.yaml in a ConfigMap mounted at
/// /etc/NAME, a Service over the container's ports, and a StatefulSet with its data on a volume claim (an emptyDir
/// without storage). Both Grafana images run as user 10001, which the pod keeps and gives the volume to.
/// </summary>
/// <param name="App">The app.kubernetes.io/name of its objects, its container and its config file's name.</param>
/// <param name="Flags">Command-line flags after -config.file.</param>
public sealed record SingleBinaryStore(
    string App, string Image, ImmutableArray<string> Flags, ImmutableArray<NamedPort> Ports, string DataDirectory, StorageSettings? Storage, ResourceSettings? Resources)
{
    private const int GrafanaImageUser = 10001;

    public string ConfigDirectory => $"/etc/{App}";

    public string ConfigFile => $"{App}.yaml";

    /// <param name="readOnlyFiles">Files the store reads besides its config (Loki's rule files): ConfigMaps projected into one folder.</param>
    public Component Emit(ObjectFactory factory, string name, Resource source, string config, MountedConfigMaps? readOnlyFiles = null)
    {
        var volumes = new List<Volume> { new("config", ConfigMap: new ConfigMapVolumeSource(name + "-config")) };
        var mounts = new List<VolumeMount> { new("config", ConfigDirectory, ReadOnly: true), new("data", DataDirectory) };
        if (readOnlyFiles is { Maps.Count: > 0 })
        {
            volumes.Add(new Volume(readOnlyFiles.Volume, Projected: new ProjectedVolumeSource([.. readOnlyFiles.Maps.Select(m => new VolumeProjection(new ConfigMapVolumeSource(m.Name)))])));
            mounts.Add(new VolumeMount(readOnlyFiles.Volume, readOnlyFiles.MountPath, ReadOnly: true));
        }

        if (Storage is null)
        {
            volumes.Add(new Volume("data", EmptyDir: new EmptyDirVolumeSource()));
        }

        // /ready answers once every module runs; a replayed write-ahead log can take a while, so liveness waits long.
        var container = new Container(
            App, Image, [$"-config.file={ConfigDirectory}/{ConfigFile}", .. Flags], Ports,
            ObjectFactory.Resources(Resources, "250m", "512Mi", "2Gi"),
            [.. mounts],
            ReadinessProbe: new Probe(new HttpGetAction("/ready", "http"), 15, 10),
            LivenessProbe: new Probe(new HttpGetAction("/ready", "http"), 60, 30, FailureThreshold: 5),
            SecurityContext: new ContainerSecurityContext());
        var pod = new PodSpec([container], Volumes: [.. volumes],
            SecurityContext: new PodSecurityContext(GrafanaImageUser, GrafanaImageUser, GrafanaImageUser, true), TerminationGracePeriodSeconds: 300);
        return new Component(name, [
            new ConfigMap(factory.Meta(name + "-config", App, source), ObjectFactory.Map((ConfigFile, config))),
            .. (readOnlyFiles?.Maps ?? []).Select(m => new ConfigMap(factory.Meta(m.Name, App, source), m.Data)),
            new Service(factory.Meta(name, App, source), new ServiceSpec(factory.Selector(name, App), [.. Ports.Select(p => new ServicePort(p.Name, p.ContainerPort, p.Name))])),
            new StatefulSet(factory.Meta(name, App, source), new StatefulSetSpec(
                1, name, new LabelSelector(factory.Selector(name, App)), factory.Template(name, App, pod, config), ObjectFactory.DataClaims(Storage))),
        ]);
    }
}

/// <summary>ConfigMaps whose files a store reads from one folder, mounted read-only as the volume <paramref name="Volume"/>.</summary>
public sealed record MountedConfigMaps(string Volume, string MountPath, IReadOnlyList<(string Name, ImmutableSortedDictionary<string, string> Data)> Maps);
