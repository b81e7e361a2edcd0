using System.Collections.Immutable;
using System.Globalization;
using Telc.Emit.Elasticsearch;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Emit.Zipkin;

/// <summary>
/// A Zipkin server per Zipkin backend of a cluster: a Deployment of one and a Service on 9411, where the collectors
/// post spans (/api/v2/spans) and people open the UI. Zipkin has no store of its own on a volume: it keeps spans in
/// memory (STORAGE_TYPE=mem, the newest that fit, whatever their age), or in the Elasticsearch its spec names, in
/// daily indices the setup Job of that Elasticsearch gives templates and a lifecycle (<see cref="ZipkinIndexSetup"/>).
/// </summary>
public sealed class ZipkinEmitter : IEmitter
{
    public const string App = "zipkin";

    public const int HttpPort = 9411;

    /// <summary>
    /// The image's user, made by name (adduser -D zipkin, the first free uid of its Alpine base), so the kubelet can
    /// check runAsNonRoot only against a uid given here; Zipkin's own Helm chart runs it as 1000 too.
    /// </summary>
    public const int User = 1000;

    /// <summary>What a span takes in the heap, roughly, to size MEM_MAX_SPANS from the memory limit.</summary>
    public const int BytesPerSpan = 1024;

    private static readonly ByteSize DefaultMemory = ByteSize.TryParse("1Gi")!;

    public bool Renders(SpecModel model, Resource resource) => resource.Spec is BackendSpec { Zipkin: not null };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) => cluster.Stores.Zipkins.Select(plan => Emit(cluster, plan, context.Factory));

    private static Component Emit(ClusterPlan cluster, ZipkinPlan plan, ObjectFactory factory)
    {
        var name = plan.ObjectName;
        var settings = Settings(cluster, plan);
        var container = new Container(
            App, Images.Zipkin, default, [new NamedPort("http", HttpPort)],
            ObjectFactory.Resources(plan.Spec.Resources, "100m", Quantity.Kubernetes(DefaultMemory), Quantity.Kubernetes(DefaultMemory)),
            // The JVM and Netty write temporary files; the root file system stays read-only.
            [new VolumeMount("tmp", "/tmp")],
            // /health also asks Elasticsearch, when Zipkin stores there; /info answers whenever the server runs.
            ReadinessProbe: new Probe(new HttpGetAction("/health", "http"), 10, 10),
            LivenessProbe: new Probe(new HttpGetAction("/info", "http"), 60, 30, FailureThreshold: 5),
            SecurityContext: new ContainerSecurityContext(Capabilities: new Capabilities(["ALL"])),
            Env: [.. settings.Select(s => new EnvVar(s.Key, Value: s.Value)),
                .. plan.Store?.Spec.WriterPasswordSecretRef is { } password ? [ObjectFactory.SecretVariable("ES_PASSWORD", password)] : Array.Empty<EnvVar>()]);
        var pod = new PodSpec([container], Volumes: [new Volume("tmp", EmptyDir: new EmptyDirVolumeSource())],
            SecurityContext: new PodSecurityContext(User, User, RunAsNonRoot: true));
        return new Component(name, [
            new Service(factory.Meta(name, App, plan.Backend), new ServiceSpec(factory.Selector(name, App), [new ServicePort("http", HttpPort, "http")])),
            new Deployment(factory.Meta(name, App, plan.Backend), new DeploymentSpec(1, new LabelSelector(factory.Selector(name, App)),
                factory.Template(name, App, pod, string.Join("\n", settings.Select(s => $"{s.Key}={s.Value}"))))),
        ]);
    }

    /// <summary>Zipkin's settings, as the environment variables its server reads.</summary>
    private static List<KeyValuePair<string, string>> Settings(ClusterPlan cluster, ZipkinPlan plan)
    {
        var heap = Heap(plan.Spec.Resources);
        var settings = new List<KeyValuePair<string, string>>();
        if (plan.Store is { } store)
        {
            settings.AddRange([
                new("STORAGE_TYPE", "elasticsearch"),
                new("ES_HOSTS", ElasticsearchWriter.Url($"{store.ObjectName}.{cluster.Namespace}.svc")),
                new("ES_INDEX", ZipkinIndices.Prefix),
                // The setup Job makes the templates, with the lifecycle that deletes old indices.
                new("ES_ENSURE_TEMPLATES", "false"),
                new("ES_USERNAME", ZipkinIndexSetup.User),
            ]);
        }
        else
        {
            settings.AddRange([
                new("STORAGE_TYPE", "mem"),
                new("MEM_MAX_SPANS", MaxSpans(heap).ToString(CultureInfo.InvariantCulture)),
            ]);
        }

        settings.Add(new("JAVA_OPTS", $"-Xms{heap}m -Xmx{heap}m -XX:+ExitOnOutOfMemoryError"));
        return settings;
    }

    /// <summary>Half the container's memory limit, in MiB: the rest is the JVM's own and Netty's direct buffers.</summary>
    public static long Heap(ResourceSettings? resources) =>
        Math.Max((resources?.Limits?.Memory ?? DefaultMemory).Bytes / 2 / (1024 * 1024), 64);

    /// <summary>How many spans fit in the heap; Zipkin drops the oldest traces beyond it.</summary>
    public static long MaxSpans(long heapMiB) => heapMiB * 1024 * 1024 / BytesPerSpan;
}
