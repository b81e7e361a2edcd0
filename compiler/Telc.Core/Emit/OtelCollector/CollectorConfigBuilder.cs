using System.Collections.Immutable;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;
using static Telc.Output.OutTree;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// Builds the agent's and the gateway's collector configuration. Every pipeline part is a collector pipeline of its
/// own: its own receivers where it reads files (so a stalled part does not hold another's reader back), its own
/// processors, its own exporter and queue. Processors run in this order: memory_limiter, k8s_attributes, filter (drop),
/// transform (redact), probabilistic_sampler, batch.
/// </summary>
public sealed class CollectorConfigBuilder
{
    public const int MetricsPort = 8888;
    public const int HealthPort = 13133;
    public const string Storage = Vocabulary.FileStorage;
    public const string StorageDirectory = "/var/lib/otelcol";
    public const string NodeNameVariable = "K8S_NODE_NAME";
    public const string HostRoot = "/hostfs";

    /// <summary>The gateway's receivers and the ports they listen on, named as its Service names them, in the Service's order.</summary>
    public static readonly ImmutableArray<(string Receiver, ImmutableArray<(string Name, int Port)> Ports)> ReceiverPorts =
    [
        (Vocabulary.OtlpReceiver, [("otlp-grpc", 4317), ("otlp-http", 4318)]),
        (Vocabulary.ZipkinReceiver, [("zipkin", 9411)]),
        (Vocabulary.JaegerReceiver, [("jaeger-grpc", 14250), ("jaeger-http", 14268)]),
    ];

    private readonly SortedDictionary<string, OutNode> receivers = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OutNode> processors = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OutNode> exporters = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OutNode> connectors = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OutNode> extensions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OutMap> pipelines = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Resource> sources = new(StringComparer.Ordinal);
    private readonly List<SecretEnvironment> environment = [];
    private readonly SortedSet<string> secrets = new(StringComparer.Ordinal);
    private readonly SortedSet<string> hostFolders = new(StringComparer.Ordinal);
    private bool readsJournal;

    private CollectorConfigBuilder()
    {
        extensions[Vocabulary.HealthCheck] = Map(("endpoint", $"0.0.0.0:{HealthPort}"));
        extensions[Storage] = Map(("directory", StorageDirectory), ("create_directory", true));
        processors[Vocabulary.MemoryLimiter] = Map(("check_interval", "1s"), ("limit_percentage", 80), ("spike_limit_percentage", 25));
        processors[Vocabulary.Batch] = Map(("send_batch_size", 1024), ("timeout", "1s"));
    }

    public static CollectorConfig Agent(ClusterPlan cluster)
    {
        var builder = new CollectorConfigBuilder();
        builder.processors[Vocabulary.KubernetesAttributes] = KubernetesAttributes(agent: true);
        foreach (var part in cluster.Collectors.Agent)
        {
            builder.AddAgentLogs(cluster, part);
        }

        return builder.Build();
    }

    public static CollectorConfig Gateway(ClusterPlan cluster)
    {
        var builder = new CollectorConfigBuilder();
        var parts = cluster.Collectors.Gateway;
        if (parts.Any(p => p.Signal != Signal.Logs && !p.ReadsVia))
        {
            builder.processors[Vocabulary.KubernetesAttributes] = KubernetesAttributes(agent: false);
        }

        foreach (var part in parts)
        {
            builder.AddGatewayPart(cluster, part);
        }

        return builder.Build();
    }

    private void AddAgentLogs(ClusterPlan cluster, CollectorPipelinePlan part)
    {
        var spec = part.Logs!;
        var input = spec.Input;
        var ids = new List<string>();
        if (input.Containers is { } containers)
        {
            var id = $"{Vocabulary.FileLog}/{part.Id}";
            receivers[id] = Map(
                ("include", Seq(ContainerLogPaths.Included(containers, PodLogPath))),
                ("exclude", SeqOrNone(ContainerLogPaths.Excluded(cluster.Namespace, containers, PodLogPath))),
                ("start_at", "beginning"), ("include_file_path", true), ("include_file_name", false), ("storage", Storage),
                ("operators", Seq([Stanza.Container(), .. Stanza.Parsers(spec.Parsers, "attributes[\"log.file.path\"]")])));
            ids.Add(id);
            hostFolders.Add("/var/log/pods");
        }

        if (input.Node is { Journald: true })
        {
            var id = $"{Vocabulary.Journald}/{part.Id}";
            receivers[id] = Map(("directory", "/var/log/journal"), ("root_path", HostRoot), ("start_at", "end"), ("storage", Storage),
                ("operators", SeqOrNone(Stanza.Parsers(spec.Parsers, "body[\"_SYSTEMD_UNIT\"]"))));
            ids.Add(id);
            readsJournal = true;
        }

        foreach (var (file, index) in input.Files.IsDefault ? [] : input.Files.Select((f, i) => (f, i)))
        {
            var id = $"{Vocabulary.FileLog}/{part.Id}-file-{index}";
            receivers[id] = Map(("include", Seq(HostRoot + file.Path)), ("start_at", "beginning"), ("include_file_path", true), ("storage", Storage),
                ("attributes", file.Tag is null ? null : Map(("tag", file.Tag))),
                ("operators", SeqOrNone(Stanza.Parsers(spec.Parsers, "attributes[\"log.file.path\"]"))));
            ids.Add(id);
            hostFolders.Add(FolderOf(file.Path));
        }

        AddPipeline(cluster, part, ids, [Vocabulary.KubernetesAttributes]);
    }

    private void AddGatewayPart(ClusterPlan cluster, CollectorPipelinePlan part)
    {
        if (part.ReadsVia)
        {
            var topic = $"{Vocabulary.KafkaReceiver}/{part.Id}";
            receivers[topic] = KafkaBuffer.Reader(part.Via!, part.Signal);
            AddPipeline(cluster, part, [topic], []);
            return;
        }

        var ids = new List<string>();
        var enrichment = new List<string> { Vocabulary.KubernetesAttributes };
        switch (part.Signal)
        {
            case Signal.Logs:
                var events = $"{Vocabulary.KubernetesObjects}/{part.Id}";
                receivers[events] = Map(("auth_type", "serviceAccount"), ("objects", Seq(Map(("name", "events"), ("group", "events.k8s.io"), ("mode", "watch")))));
                ids.Add(events);
                enrichment.Clear();
                break;
            case Signal.Traces:
                var input = part.Traces!.Input;
                if (input.Otlp is { Enabled: true })
                {
                    ids.Add(AddOtlpReceiver());
                }

                if (input.Zipkin is { Enabled: true })
                {
                    receivers[Vocabulary.ZipkinReceiver] = Map(("endpoint", Listen(Vocabulary.ZipkinReceiver, 0)));
                    ids.Add(Vocabulary.ZipkinReceiver);
                }

                if (input.Jaeger is { Enabled: true })
                {
                    receivers[Vocabulary.JaegerReceiver] = Map(("protocols", Map(
                        ("grpc", Map(("endpoint", Listen(Vocabulary.JaegerReceiver, 0)))), ("thrift_http", Map(("endpoint", Listen(Vocabulary.JaegerReceiver, 1)))))));
                    ids.Add(Vocabulary.JaegerReceiver);
                }

                break;
            default:
                ids.Add(AddOtlpReceiver());
                break;
        }

        AddPipeline(cluster, part, ids, enrichment);
    }

    /// <summary>The endpoint a receiver's listener binds, on every interface.</summary>
    private static string Listen(string receiver, int listener) => $"0.0.0.0:{ReceiverPorts.Single(r => r.Receiver == receiver).Ports[listener].Port}";

    private string AddOtlpReceiver()
    {
        receivers[Vocabulary.OtlpReceiver] = Map(("protocols", Map(
            ("grpc", Map(("endpoint", Listen(Vocabulary.OtlpReceiver, 0)))), ("http", Map(("endpoint", Listen(Vocabulary.OtlpReceiver, 1)))))));
        return Vocabulary.OtlpReceiver;
    }

    private void AddPipeline(ClusterPlan cluster, CollectorPipelinePlan part, List<string> inputs, List<string> enrichment)
    {
        var signal = part.Signal.ToString().ToLowerInvariant();
        var chain = new List<string> { Vocabulary.MemoryLimiter };
        chain.AddRange(enrichment);
        // What a pipeline drops, hides, samples and derives was done before its data was written to its Kafka topic.
        if (!part.ReadsVia)
        {
            AddProcessing(part, chain);
        }

        chain.Add(Vocabulary.Batch);

        var exporter = Exporters.For(part, Storage);
        exporters[exporter.Id] = exporter.Config;
        foreach (var (id, config) in exporter.Extensions)
        {
            extensions[id] = config;
        }

        environment.AddRange(exporter.Environment);
        secrets.UnionWith(exporter.MountedSecrets);
        var outputs = new List<string> { exporter.Id };

        if (!part.ReadsVia && DerivedMetrics.Connector(part) is { } derived && cluster.Collectors.MetricsStore is { } store)
        {
            var connector = $"{Vocabulary.SignalToMetrics}/{part.Id}";
            connectors[connector] = derived;
            outputs.Add(connector);
            var derivedExporter = Exporters.Id(Vocabulary.PrometheusRemoteWrite, $"{part.Id}-derived");
            exporters[derivedExporter] = DerivedMetrics.Exporter(part, $"{store.ObjectName}.{cluster.Namespace}.svc");
            pipelines[$"metrics/{part.Id}-derived"] = Pipeline([connector], [Vocabulary.Batch], [derivedExporter]);
            sources[$"metrics/{part.Id}-derived"] = part.Pipeline;
        }

        pipelines[$"{signal}/{part.Id}"] = Pipeline(inputs, chain, outputs);
        sources[$"{signal}/{part.Id}"] = part.Pipeline;
    }

    /// <summary>The part's own processors, after enrichment: filter (drop), transform (redact), probabilistic_sampler.</summary>
    private void AddProcessing(CollectorPipelinePlan part, List<string> chain)
    {
        if (PipelineProcessors.Drop(part) is { } drop)
        {
            processors[$"{Vocabulary.Filter}/{part.Id}"] = drop;
            chain.Add($"{Vocabulary.Filter}/{part.Id}");
        }

        if (PipelineProcessors.Redact(part) is { } redact)
        {
            processors[$"{Vocabulary.Transform}/{part.Id}"] = redact;
            chain.Add($"{Vocabulary.Transform}/{part.Id}");
        }

        if (part.Traces?.Sampling is { } sampling)
        {
            processors[$"{Vocabulary.ProbabilisticSampler}/{part.Id}"] = Map(("sampling_percentage", sampling.Percentage));
            chain.Add($"{Vocabulary.ProbabilisticSampler}/{part.Id}");
        }
    }

    private static OutMap Pipeline(IEnumerable<string> inputs, IEnumerable<string> chain, IEnumerable<string> outputs) =>
        Map(("receivers", Seq(inputs)), ("processors", Seq(chain)), ("exporters", Seq(outputs)));

    private CollectorConfig Build()
    {
        if (!UsesStorage())
        {
            extensions.Remove(Storage);
        }

        var root = Map(
            ("receivers", Sections(receivers)),
            ("processors", Sections(processors)),
            ("exporters", Sections(exporters)),
            ("connectors", connectors.Count == 0 ? null : Sections(connectors)),
            ("extensions", Sections(extensions)),
            ("service", Map(
                ("extensions", Seq(extensions.Keys)),
                ("pipelines", new OutMap([.. pipelines.Select(p => KeyValuePair.Create(p.Key, (OutNode)p.Value))])),
                ("telemetry", Telemetry()))));
        return new CollectorConfig(root, [.. environment.DistinctBy(e => e.Name).OrderBy(e => e.Name, StringComparer.Ordinal)], [.. secrets], [.. hostFolders], readsJournal,
            sources.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    /// <summary>Whether a receiver keeps its checkpoints, or an exporter its queue, on the storage extension.</summary>
    private bool UsesStorage() =>
        receivers.Values.Concat(exporters.Values).OfType<OutMap>().Any(c => c.Entries.Any(e => e.Key == "storage")
            || c.Entries.Any(e => e.Key == "sending_queue" && e.Value is OutMap queue && queue.Entries.Any(q => q.Key == "storage")));

    /// <summary>The collector's own metrics, served for Prometheus to scrape.</summary>
    private static OutMap Telemetry()
    {
        var prometheus = Map(("host", "0.0.0.0"), ("port", MetricsPort));
        var reader = Map(("pull", Map(("exporter", Map(("prometheus", prometheus))))));
        return Map(("metrics", Map(("level", "normal"), ("readers", Seq(reader)))));
    }

    /// <summary>A section with the configs in id order; a component with no settings is an empty mapping, as the collector expects.</summary>
    private static OutMap Sections(SortedDictionary<string, OutNode> section) => new([.. section.Select(e => KeyValuePair.Create(e.Key, e.Value))]);

    /// <summary>
    /// On the agent, only the node's own pods are watched (the node from the downward API) and records are matched to
    /// pods by the UID the container operator reads from the log path. On the gateway, data pushed by applications is
    /// matched by the pod IP or UID it carries, else by the address of the connection it came over.
    /// </summary>
    private static OutMap KubernetesAttributes(bool agent) => Map(
        ("auth_type", "serviceAccount"),
        ("passthrough", false),
        ("filter", agent ? Map(("node_from_env_var", NodeNameVariable)) : null),
        ("pod_association", agent
            ? Seq(Map(("sources", Seq(Map(("from", "resource_attribute"), ("name", "k8s.pod.uid"))))))
            : Seq(
                Map(("sources", Seq(Map(("from", "resource_attribute"), ("name", "k8s.pod.ip"))))),
                Map(("sources", Seq(Map(("from", "resource_attribute"), ("name", "k8s.pod.uid"))))),
                Map(("sources", Seq(Map(("from", "connection"))))))),
        ("extract", Map(("metadata", Seq(
            "k8s.namespace.name", "k8s.pod.name", "k8s.pod.uid", "k8s.node.name",
            "k8s.deployment.name", "k8s.statefulset.name", "k8s.daemonset.name", "k8s.job.name", "k8s.cronjob.name")))));

    /// <summary>The kubelet's container log files: /var/log/pods/NAMESPACE_POD_UID/CONTAINER/N.log.</summary>
    private static string PodLogPath(string ns, string container) => $"/var/log/pods/{ns}_*/{container}/*.log";

    /// <summary>The folder a file glob lives in, up to its first wildcard: what the agent mounts from the node, under <see cref="HostRoot"/>.</summary>
    public static string FolderOf(string path)
    {
        var wildcard = path.IndexOfAny(['*', '?', '[', '{']);
        var fixedPart = wildcard < 0 ? path : path[..wildcard];
        var slash = fixedPart.LastIndexOf('/');
        return slash <= 0 ? "/" : fixedPart[..slash];
    }
}
