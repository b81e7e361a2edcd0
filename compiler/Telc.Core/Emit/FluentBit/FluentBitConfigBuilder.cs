using System.Collections.Immutable;
using Telc.Emit.OtelCollector;
using Telc.Model;
using Telc.Output;
using Telc.Spec.Kinds;
using static Telc.Output.OutTree;

namespace Telc.Emit.FluentBit;

/// <summary>
/// Builds fluent-bit.yaml (Fluent Bit's YAML format) for the log pipelines that ask for the Fluent Bit agent. Every
/// pipeline has its own inputs, tagged PIPELINE.*, so its filters and its one output match only its records: its own
/// tail input with its own offset database and buffer, its own filters, its own output and retry budget. Filters run
/// in this order: kubernetes (pod metadata), the parsers, the drops (grep), the redactions (modify), the derived
/// metrics (log_to_metrics).
/// </summary>
public static class FluentBitConfigBuilder
{
    public const int HttpPort = 2020;
    public const string StorageDirectory = "/var/lib/fluent-bit";
    public const string NodeNameVariable = "K8S_NODE_NAME";

    /// <summary>Onigmo, Fluent Bit's regular expression engine, names groups (?&lt;name&gt;…) only; RE2 also takes (?P&lt;name&gt;…).</summary>
    public static string Onigmo(string re2) => re2.Replace("(?P<", "(?<", StringComparison.Ordinal);

    public static CollectorConfig Build(ClusterPlan cluster)
    {
        var inputs = new List<OutMap>();
        var filters = new List<OutMap>();
        var outputs = new List<OutMap>();
        var parsers = new List<OutMap>();
        var multiline = new List<OutMap>();
        var environment = new List<SecretEnvironment>();
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        var folders = new SortedSet<string>(StringComparer.Ordinal) { "/var/log" };
        var readsJournal = false;
        foreach (var part in cluster.Collectors.FluentBit)
        {
            var spec = part.Logs!;
            var tag = part.Id;
            var buffer = part.Buffer.Persistent
                ? new (string, object?)[] { ("storage.type", "filesystem") }
                : [("storage.type", "memory"), ("mem_buf_limit", FluentBitOutputs.BufferSize(part.Buffer))];
            if (spec.Input.Containers is { } containers)
            {
                inputs.Add(Map([
                    ("name", "tail"), ("alias", $"{tag}-containers"), ("tag", $"{tag}.*"),
                    ("path", string.Join(",", ContainerLogPaths.Included(containers, ContainerLogLink))),
                    ("exclude_path", ContainerLogPaths.Excluded(cluster.Namespace, containers, ContainerLogLink).ToArray() is { Length: > 0 } excluded ? string.Join(",", excluded) : null),
                    ("multiline.parser", Seq("cri", "docker")), ("read_from_head", true), ("skip_long_lines", true),
                    ("db", $"{StorageDirectory}/{tag}-containers.db"), ("db.locking", true), .. buffer,
                ]));
                filters.Add(Map(("name", "kubernetes"), ("match", $"{tag}.var.log.containers.*"), ("kube_tag_prefix", $"{tag}.var.log.containers."),
                    ("merge_log", false), ("labels", true), ("annotations", false)));
            }

            if (spec.Input.Node is { Journald: true })
            {
                inputs.Add(Map([("name", "systemd"), ("alias", $"{tag}-journal"), ("tag", $"{tag}.journal"), ("path", "/var/log/journal"),
                    ("read_from_tail", true), ("db", $"{StorageDirectory}/{tag}-journal.db"), .. buffer]));
                readsJournal = true;
            }

            foreach (var (file, index) in spec.Input.Files.IsDefault ? [] : spec.Input.Files.Select((f, i) => (f, i)))
            {
                var path = file.Path.StartsWith("/var/log/", StringComparison.Ordinal) ? file.Path : CollectorConfigBuilder.HostRoot + file.Path;
                if (!file.Path.StartsWith("/var/log/", StringComparison.Ordinal))
                {
                    folders.Add(CollectorConfigBuilder.FolderOf(file.Path));
                }

                inputs.Add(Map([("name", "tail"), ("alias", $"{tag}-file-{index}"), ("tag", $"{tag}.file-{index}"), ("path", path), ("read_from_head", true),
                    ("db", $"{StorageDirectory}/{tag}-file-{index}.db"), ("db.locking", true), .. buffer]));
                if (file.Tag is { } fileTag)
                {
                    filters.Add(Map(("name", "modify"), ("match", $"{tag}.file-{index}"), ("add", Seq($"tag {fileTag}"))));
                }
            }

            foreach (var (parser, index) in spec.Parsers.IsDefault ? [] : spec.Parsers.Select((p, i) => (p, i)))
            {
                var key = FluentBitFields.Keys(parser.Field)[0];
                var name = $"{tag}-{parser.Type.ToString().ToLowerInvariant()}-{index}";
                switch (parser.Type)
                {
                    case LogParserType.Multiline:
                        var first = Onigmo(parser.Pattern!);
                        var unanchored = first.StartsWith('^') ? first[1..] : first;
                        multiline.Add(Map(("name", name), ("type", "regex"), ("flush_timeout", 1000), ("rules", Seq(
                            Map(("state", "start_state"), ("regex", $"/{first}/"), ("next_state", "cont")),
                            Map(("state", "cont"), ("regex", $"/^(?!{unanchored})/"), ("next_state", "cont"))))));
                        filters.Add(Map(("name", "multiline"), ("match", $"{tag}.*"), ("multiline.key_content", key), ("multiline.parser", Seq(name))));
                        break;
                    default:
                        parsers.Add(parser.Type == LogParserType.Json ? Map(("name", name), ("format", "json")) : Map(("name", name), ("format", "regex"), ("regex", Onigmo(parser.Pattern!))));
                        filters.Add(Map(("name", "parser"), ("match", $"{tag}.*"), ("key_name", key), ("parser", Seq(name)), ("reserve_data", true)));
                        break;
                }
            }

            if (spec.Filter is { Drop.IsDefaultOrEmpty: false } drops)
            {
                filters.Add(Map(("name", "grep"), ("match", $"{tag}.*"), ("exclude", Seq(drops.Drop.Select(d => $"{FluentBitFields.Accessor(d.Field)} {Onigmo(d.Matches)}"))), ("logical_op", "or")));
            }

            foreach (var field in spec.Filter?.Redact ?? [])
            {
                var key = FluentBitFields.Keys(field)[0];
                filters.Add(Map(("name", "modify"), ("match", $"{tag}.*"), ("condition", Seq($"key_exists {key}")), ("set", Seq($"{key} ***"))));
            }

            if (!spec.DerivedMetrics.IsDefaultOrEmpty && cluster.Collectors.MetricsStore is { } store)
            {
                filters.AddRange(spec.DerivedMetrics.Select((metric, index) => DerivedMetric(part, metric, index)));
                outputs.Add(Map(("name", "prometheus_remote_write"), ("alias", $"{tag}-derived"), ("match", $"{tag}-derived"),
                    ("host", $"{store.ObjectName}.{cluster.Namespace}.svc"), ("port", 9090), ("uri", "/api/v1/write"),
                    ("add_label", Seq("node ${" + NodeNameVariable + "}")), ("retry_limit", FluentBitOutputs.RetryLimit(part.Buffer.RetryFor))));
            }

            var (settings, variables, mounted) = FluentBitOutputs.For(part);
            outputs.Add(Map(settings));
            environment.AddRange(variables);
            secrets.UnionWith(mounted);
        }

        var root = Map(
            ("service", Map(
                ("flush", 1), ("log_level", "info"), ("http_server", true), ("http_listen", "0.0.0.0"), ("http_port", HttpPort), ("health_check", true),
                ("storage.path", StorageDirectory + "/buffer"), ("storage.sync", "normal"), ("storage.checksum", false), ("storage.metrics", true),
                ("storage.backlog.mem_limit", "16M"), ("scheduler.cap", FluentBitOutputs.RetryCapSeconds))),
            ("parsers", SeqOrNone(parsers)),
            ("multiline_parsers", SeqOrNone(multiline)),
            ("pipeline", Map(("inputs", Seq(inputs)), ("filters", SeqOrNone(filters)), ("outputs", Seq(outputs)))));
        return new CollectorConfig(root, [.. environment.DistinctBy(e => e.Name).OrderBy(e => e.Name, StringComparer.Ordinal)], [.. secrets], [.. folders], readsJournal,
            cluster.Collectors.FluentBit.ToImmutableSortedDictionary(p => p.Id, p => p.Pipeline, StringComparer.Ordinal));
    }

    /// <summary>
    /// A counter or histogram of the pipeline's records, named as the spec says: Fluent Bit joins namespace and name
    /// with an underscore, so the name is split at its first one (the checks require one).
    /// </summary>
    private static OutMap DerivedMetric(CollectorPipelinePlan part, DerivedMetric metric, int index)
    {
        var split = metric.Name.IndexOf('_', 1);
        return Map(
            ("name", "log_to_metrics"), ("alias", $"{part.Id}-metric-{index}"), ("match", $"{part.Id}.*"), ("tag", $"{part.Id}-derived"),
            ("metric_mode", metric.Type == DerivedMetricType.Counter ? "counter" : "histogram"),
            ("metric_namespace", metric.Name[..split]), ("metric_name", metric.Name[(split + 1)..]),
            ("metric_description", $"derived from the log records of {part.Pipeline.DisplayName}"),
            ("regex", metric.Match is { } match ? Seq($"{FluentBitFields.Accessor(match.Field)} {Onigmo(match.Matches)}") : null),
            ("label_field", SeqOrNone((metric.Labels.IsDefault ? [] : metric.Labels).Select(FluentBitFields.Accessor))),
            ("value_field", metric.ValueField is { } value ? FluentBitFields.Accessor(value) : null));
    }

    /// <summary>The kubelet's links to container logs: /var/log/containers/POD_NAMESPACE_CONTAINER-ID.log.</summary>
    private static string ContainerLogLink(string ns, string container) => $"/var/log/containers/*_{ns}_{container}-*.log";
}
