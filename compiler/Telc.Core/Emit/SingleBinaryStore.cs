using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit;

/// <summary>
/// A store telc runs as one pod of a single binary (Loki, Tempo, Jaeger): its config file NAME.yaml in a ConfigMap
/// mounted at /etc/NAME, a Service over the container's ports, and a StatefulSet with its data on a volume claim (an
/// emptyDir without storage). The Grafana images and Jaeger's all run as user 10001, which the pod keeps and gives the
/// volume to.
/// </summary>
/// <param name="App">The app.kubernetes.io/name of its objects, its container and its config file's name.</param>
/// <param name="Flags">Command-line flags after the config file's.</param>
/// <param name="Ports">The ports the Service serves (the probes' own port, if any, is <see cref="HealthPort"/>).</param>
public sealed record SingleBinaryStore(
    string App, string Image, ImmutableArray<string> Flags, ImmutableArray<NamedPort> Ports, string DataDirectory, StorageSettings? Storage, ResourceSettings? Resources)
{
    private const int ImageUser = 10001;

    /// <summary>The flag that names the config file: -config.file for Loki and Tempo.</summary>
    public string ConfigFlag { get; init; } = "-config.file";

    /// <summary>What readiness and liveness ask: /ready on the http port for Loki and Tempo.</summary>
    public HttpGetAction Health { get; init; } = new("/ready", "http");

    /// <summary>A port the container serves its health on for the kubelet only, outside the Service.</summary>
    public NamedPort? HealthPort { get; init; }

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

        // Health answers once every module runs; a replayed write-ahead log can take a while, so liveness waits long.
        var container = new Container(
            App, Image, [$"{ConfigFlag}={ConfigDirectory}/{ConfigFile}", .. Flags], HealthPort is { } health ? [.. Ports, health] : Ports,
            ObjectFactory.Resources(Resources, "250m", "512Mi", "2Gi"),
            [.. mounts],
            ReadinessProbe: new Probe(Health, 15, 10),
            LivenessProbe: new Probe(Health, 60, 30, FailureThreshold: 5),
            SecurityContext: new ContainerSecurityContext());
        var pod = new PodSpec([container], Volumes: [.. volumes],
            SecurityContext: new PodSecurityContext(ImageUser, ImageUser, ImageUser, true), TerminationGracePeriodSeconds: 300);
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
