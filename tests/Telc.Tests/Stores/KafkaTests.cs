using Telc.Emit.Kafka;
using Telc.Emit.Kubernetes;
using Telc.Emit.OtelCollector;
using Telc.Lowering;
using Telc.Output;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Stores;

/// <summary>
/// A Kafka backend is a KRaft cluster and a Job that keeps its topics; a pipeline whose output names it in via writes
/// to its own topic, and the gateway reads that topic in the pipeline's own consumer group and ships to the store.
/// </summary>
public sealed class KafkaTests
{
    private const string Namespace = "telemetry";

    private static readonly string Stores = Specs.Backend("logs", "loki") + Specs.Backend("traces", "tempo") + Specs.Backend("metrics", "prometheus");

    /// <summary>A log pipeline read on the nodes and from events, a trace and an OTLP metric pipeline, all through the Kafka 'buffer'.</summary>
    private static readonly string Buffered = Specs.Header + """
        kind: LogPipeline
        metadata: { name: app-logs }
        spec:
          input: { containers: { namespaces: { include: [shop] } }, events: { enabled: true } }
          filter: { drop: [{ field: level, matches: DEBUG }] }
          output: { backend: logs, via: buffer }
        ---

        """ + Specs.Header + """
        kind: TracePipeline
        metadata: { name: app-traces }
        spec:
          input: { otlp: {} }
          sampling: { percentage: 50 }
          output: { backend: traces, via: buffer }
        ---

        """ + Specs.Header + """
        kind: MetricPipeline
        metadata: { name: pushed }
        spec:
          input: { otlp: {} }
          output: { backend: metrics, via: buffer }
        ---

        """;

    private static string Spec(string kafka = "{}", string rules = "[]", string? pipelines = null, string cluster = "prod-1") =>
        Specs.Cluster(cluster, "prod") + Specs.Backend("buffer", "kafka", kafka) + Stores + (pipelines ?? Buffered) + Specs.Header + $$"""
        kind: RetentionPolicy
        metadata: { name: retention }
        spec:
          rules: {{rules}}
        """;

    private static Compilation Compile(string kafka = "{}", string rules = "[]", string? pipelines = null, string cluster = "prod-1")
    {
        var compilation = Specs.Compile(Spec(kafka, rules, pipelines, cluster));
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return compilation;
    }

    private static IEnumerable<IKubernetesObject> Objects(Compilation compilation) => compilation.Objects.Select(o => o.Object);

    private static string? Text(OutNode config, string path) => (At(config, path) as OutScalar)?.Text;

    private static string[] Items(OutNode? node) => node is OutSeq seq ? [.. seq.Items.OfType<OutScalar>().Select(s => s.Text)] : [];

    private static string[] Keys(OutNode? node) => node is OutMap map ? [.. map.Entries.Select(e => e.Key)] : [];

    private static string Script(Compilation compilation) =>
        Objects(compilation).OfType<ConfigMap>().Single(c => c.Metadata.Name == "kafka-buffer-topics").Data[TopicsScript.FileName];

    /// <summary>The configs the topics script sets on each topic: name → (partitions, key → value).</summary>
    private static Dictionary<string, (string Partitions, Dictionary<string, string> Configs)> Topics(Compilation compilation) =>
        Script(compilation).Split('\n').Where(l => l.StartsWith("topic ", StringComparison.Ordinal)).Select(l => l.Split(' '))
            .ToDictionary(p => p[1], p => (p[2], p[3].Split(',').Select(c => c.Split('=')).ToDictionary(c => c[0], c => c[1])));

    private static StatefulSet Brokers(Compilation compilation) => Objects(compilation).OfType<StatefulSet>().Single(s => s.Metadata.Name == "kafka-buffer");

    private static string? Env(StatefulSet brokers, string name) => brokers.Spec.Template.Spec.Containers.Single().Env.SingleOrDefault(e => e.Name == name)?.Value;

    private static string Job(Compilation compilation) => Objects(compilation).OfType<Job>().Single().Metadata.Name;

    [Fact]
    public void The_collector_configs_of_a_buffered_path_pass_as_the_collector_reads_them()
    {
        var compilation = Compile();

        Assert.Empty(CollectorConfigChecker.Check(Of(compilation, "otel-agent")));
        Assert.Empty(CollectorConfigChecker.Check(Of(compilation, "otel-gateway")));
    }

    [Fact]
    public void Every_writer_of_a_pipeline_writes_the_topic_the_gateway_reads_in_the_pipelines_own_consumer_group()
    {
        var compilation = Compile();
        var agent = Of(compilation, "otel-agent");
        var gateway = Of(compilation, "otel-gateway");
        var topics = Topics(compilation);
        var bootstrap = Objects(compilation).OfType<Service>().Single(s => s.Metadata.Name == "kafka-buffer");
        var groups = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (pipeline, signal, writtenBy) in new[] { ("app-logs", "logs", new[] { (agent, "app-logs"), (gateway, "app-logs-events") }), ("app-traces", "traces", [(gateway, "app-traces")]), ("pushed", "metrics", [(gateway, "pushed")]) })
        {
            var topic = $"telemetry.{signal}.{pipeline}";
            var reader = $"kafka/{pipeline}-from-kafka";
            foreach (var (config, part) in writtenBy)
            {
                Assert.Equal([$"kafka/{part}"], Items(At(config, $"service.pipelines.{signal}/{part}.exporters")).Where(e => !e.StartsWith("signaltometrics", StringComparison.Ordinal)));
                Assert.Equal((topic, KafkaBuffer.Encoding), (Text(config, $"exporters.kafka/{part}.{signal}.topic"), Text(config, $"exporters.kafka/{part}.{signal}.encoding")));
                Assert.Equal([$"{bootstrap.Metadata.Name}.{Namespace}.svc:{bootstrap.Spec.Ports.Single().Port}"], Items(At(config, $"exporters.kafka/{part}.brokers")));
                Assert.Equal(("-1", "lz4"), (Text(config, $"exporters.kafka/{part}.producer.required_acks"), Text(config, $"exporters.kafka/{part}.producer.compression")));
            }

            Assert.Equal([topic], Items(At(gateway, $"receivers.{reader}.{signal}.topics")));
            Assert.Equal(KafkaBuffer.Encoding, Text(gateway, $"receivers.{reader}.{signal}.encoding"));
            Assert.True(groups.Add(Text(gateway, $"receivers.{reader}.group_id")!));
            Assert.Equal("earliest", Text(gateway, $"receivers.{reader}.initial_offset"));
            Assert.Equal([reader], Items(At(gateway, $"service.pipelines.{signal}/{pipeline}-from-kafka.receivers")));
            Assert.True(topics.ContainsKey(topic), $"the topics Job does not create {topic}");
        }

        Assert.Equal(3, groups.Count);
        Assert.Equal(topics.Keys.Order(StringComparer.Ordinal), new[] { "telemetry.logs.app-logs", "telemetry.metrics.pushed", "telemetry.traces.app-traces" });
        // Only the readers ship to the stores.
        Assert.All(Keys(At(agent, "exporters")).Concat(Keys(At(gateway, "exporters"))).Where(e => !e.StartsWith("kafka/", StringComparison.Ordinal)),
            e => Assert.EndsWith("-from-kafka", e, StringComparison.Ordinal));
    }

    [Fact]
    public void The_reader_ships_to_the_store_and_marks_a_message_consumed_only_once_the_store_took_it()
    {
        var gateway = Of(Compile(), "otel-gateway");

        Assert.Equal("http://loki-logs.telemetry.svc:3100/otlp", Text(gateway, "exporters.otlp_http/app-logs-from-kafka.endpoint"));
        Assert.Equal("tempo-traces.telemetry.svc:4317", Text(gateway, "exporters.otlp_grpc/app-traces-from-kafka.endpoint"));
        Assert.Equal("http://prometheus-metrics.telemetry.svc:9090/api/v1/write", Text(gateway, "exporters.prometheusremotewrite/pushed-from-kafka.endpoint"));
        Assert.Equal("true", Text(gateway, "exporters.otlp_http/app-logs-from-kafka.sending_queue.wait_for_result"));
        Assert.Null(At(gateway, "exporters.otlp_http/app-logs-from-kafka.sending_queue.storage"));
        Assert.Equal(("true", "false", "true"), (Text(gateway, "receivers.kafka/app-logs-from-kafka.message_marking.after"),
            Text(gateway, "receivers.kafka/app-logs-from-kafka.message_marking.on_error"), Text(gateway, "receivers.kafka/app-logs-from-kafka.message_marking.on_permanent_error")));
        Assert.Equal(("true", "0s"), (Text(gateway, "receivers.kafka/app-logs-from-kafka.error_backoff.enabled"), Text(gateway, "receivers.kafka/app-logs-from-kafka.error_backoff.max_elapsed_time")));
    }

    [Fact]
    public void What_a_pipeline_drops_samples_and_enriches_is_done_once_before_the_topic()
    {
        var compilation = Compile();
        var agent = Of(compilation, "otel-agent");
        var gateway = Of(compilation, "otel-gateway");

        Assert.Equal(["memory_limiter", "k8s_attributes", "filter/app-logs", "batch"], Items(At(agent, "service.pipelines.logs/app-logs.processors")));
        Assert.Equal(["memory_limiter", "k8s_attributes", "probabilistic_sampler/app-traces", "batch"], Items(At(gateway, "service.pipelines.traces/app-traces.processors")));
        foreach (var reader in new[] { "logs/app-logs-from-kafka", "traces/app-traces-from-kafka", "metrics/pushed-from-kafka" })
        {
            Assert.Equal(["memory_limiter", "batch"], Items(At(gateway, $"service.pipelines.{reader}.processors")));
        }
    }

    [Fact]
    public void A_pipeline_buffered_only_on_the_agent_still_gets_a_gateway_to_read_its_topic()
    {
        var compilation = Compile(pipelines: Specs.Header + """
            kind: LogPipeline
            metadata: { name: node-logs }
            spec:
              input: { node: { journald: true } }
              derivedMetrics: [{ name: node_errors_total, type: counter, match: { field: level, matches: ERROR } }]
              output: { backend: logs, via: buffer }
            ---

            """);
        var gateway = Of(compilation, "otel-gateway");
        var deployment = Objects(compilation).OfType<Deployment>().Single(d => d.Metadata.Name == "otel-gateway");

        Assert.Equal(["logs/node-logs-from-kafka"], Keys(At(gateway, "service.pipelines")));
        Assert.Null(At(gateway, "processors.k8s_attributes"));
        Assert.Null(At(gateway, "connectors"));
        Assert.Contains("metrics/node-logs-derived", Keys(At(Of(compilation, "otel-agent"), "service.pipelines")));
        Assert.DoesNotContain(Objects(compilation).OfType<ClusterRole>(), r => r.Metadata.Name.EndsWith("otel-gateway", StringComparison.Ordinal));
        Assert.Contains(deployment.Spec.Template.Spec.Volumes, v => v is { Name: "storage", EmptyDir: not null });
    }

    [Fact]
    public void An_output_to_kafka_itself_writes_the_topic_the_job_creates()
    {
        var compilation = Compile(pipelines: Specs.Header + """
            kind: TracePipeline
            metadata: { name: spans }
            spec:
              input: { otlp: {} }
              output: { backend: buffer }
            ---

            """);

        Assert.Equal("telemetry.traces.spans", Text(Of(compilation, "otel-gateway"), "exporters.kafka/spans.traces.topic"));
        Assert.Equal(["telemetry.traces.spans"], Topics(compilation).Keys);
        Assert.DoesNotContain(Keys(At(Of(compilation, "otel-gateway"), "receivers")), r => r.StartsWith("kafka", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{}", "[]", "604800000", "604800000", "604800000")]
    [InlineData("{ retention: { time: 2d } }", "[]", "172800000", "172800000", "172800000")]
    [InlineData("{ retention: { time: 2d } }", "[{ signal: traces, backend: buffer, duration: 12h }, { signal: logs, environment: prod, duration: 30d }, { signal: logs, environment: prod, backend: buffer, duration: 1d }]",
        "86400000", "43200000", "172800000")]
    [InlineData("{}", "[{ signal: metrics, duration: 3d }, { signal: metrics, environment: dev, backend: buffer, duration: 1h }]", "604800000", "604800000", "604800000")]
    [InlineData("{}", "[{ signal: metrics, backend: buffer, duration: 3d }, { signal: metrics, environment: dev, backend: buffer, duration: 1h }]", "604800000", "604800000", "259200000")]
    public void Each_topic_keeps_what_the_most_specific_rule_of_its_signal_naming_the_kafka_says(string kafka, string rules, string logs, string traces, string metrics)
    {
        var topics = Topics(Compile(kafka, rules));

        Assert.Equal((logs, traces, metrics), (topics["telemetry.logs.app-logs"].Configs["retention.ms"], topics["telemetry.traces.app-traces"].Configs["retention.ms"],
            topics["telemetry.metrics.pushed"].Configs["retention.ms"]));
    }

    [Fact]
    public void A_size_is_spread_over_the_partitions_and_segments_close_early_enough_for_the_retention_to_hold()
    {
        var sized = Topics(Compile("{ partitions: 4, retention: { time: 1d, size: 10GiB } }", "[{ signal: traces, backend: buffer, duration: 12h, size: 2GiB }]"));
        var unsized = Topics(Compile())["telemetry.logs.app-logs"].Configs;

        Assert.Equal(("4", "2684354560", "268435456", "8640000"), (sized["telemetry.logs.app-logs"].Partitions, sized["telemetry.logs.app-logs"].Configs["retention.bytes"],
            sized["telemetry.logs.app-logs"].Configs["segment.bytes"], sized["telemetry.logs.app-logs"].Configs["segment.ms"]));
        Assert.Equal("536870912", sized["telemetry.traces.app-traces"].Configs["retention.bytes"]);
        Assert.Equal(("-1", "1073741824", "60480000"), (unsized["retention.bytes"], unsized["segment.bytes"], unsized["segment.ms"]));
    }

    [Fact]
    public void A_rule_for_the_kafka_is_rendered_and_a_teams_rule_for_it_is_refused()
    {
        var named = Specs.Compile(Spec(rules: "[{ signal: logs, backend: buffer, duration: 1d, size: 5GiB }]"));
        var team = Specs.Compile(Spec(rules: "[{ signal: logs, team: shop, backend: buffer, duration: 2d }]")
            .Replace("kind: RetentionPolicy", "kind: Team\nmetadata: { name: shop }\nspec: { namespaces: [shop], owners: [\"@acme/shop\"] }\n---\napiVersion: telc.io/v1alpha1\nkind: RetentionPolicy", StringComparison.Ordinal));

        Assert.False(named.HasErrors, string.Join("\n", named.Diagnostics));
        Assert.Equal(("86400000", "894784853"), (Topics(named)["telemetry.logs.app-logs"].Configs["retention.ms"], Topics(named)["telemetry.logs.app-logs"].Configs["retention.bytes"]));
        Assert.Equal("none of the stores this logs rule reaches keeps team 'shop' apart: Kafka keeps every team's logs alike", team.Single("TELC220").Message);
    }

    [Fact]
    public void A_rule_for_a_signal_the_kafka_does_not_buffer_is_refused() =>
        Assert.Equal("this logs rule names Kafka 'buffer', which no logs pipeline writes to, so it deletes nothing",
            Specs.Compile(Spec(rules: "[{ signal: logs, backend: buffer, duration: 1d }]",
                pipelines: Buffered.Replace("output: { backend: logs, via: buffer }", "output: { backend: logs }", StringComparison.Ordinal))).Single("TELC220").Message);

    [Fact]
    public void The_topics_job_keeps_its_name_until_what_it_does_changes()
    {
        var before = Job(Compile("{ retention: { time: 2d } }"));

        Assert.Equal(before, Job(Compile("{ retention: { time: 2d } }")));
        Assert.Matches("^kafka-buffer-topics-[0-9a-f]{10}$", before);
        Assert.NotEqual(before, Job(Compile("{ retention: { time: 3d } }")));
        Assert.NotEqual(before, Job(Compile("{ retention: { time: 2d }, partitions: 12 }")));
        Assert.NotEqual(before, Job(Compile("{ retention: { time: 2d } }", pipelines: Buffered.Replace("name: pushed", "name: pushed-too", StringComparison.Ordinal))));
    }

    [Fact]
    public void The_cluster_id_is_kafkas_form_and_stays_while_what_names_the_volumes_stays()
    {
        var id = Env(Brokers(Compile()), "CLUSTER_ID")!;

        Assert.Matches("^[A-Za-z0-9_][A-Za-z0-9_-]{21}$", id);
        Assert.Equal(id, Env(Brokers(Compile("{ replicas: 5, partitions: 12, retention: { time: 1d } }")), "CLUSTER_ID"));
        Assert.NotEqual(id, Env(Brokers(Compile(cluster: "prod-2")), "CLUSTER_ID"));
        Assert.Equal(id, KafkaClusterId.For("prod-1", Namespace, "buffer"));
        Assert.NotEqual(id, KafkaClusterId.For("prod-1", Namespace, "other"));
        Assert.All(Enumerable.Range(0, 500).Select(i => KafkaClusterId.For($"c{i}", "ns", "b")),
            other => Assert.True(Convert.FromBase64String(other.Replace('-', '+').Replace('_', '/') + "==").Length == 16 && !other.StartsWith('-'), other));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 1)]
    [InlineData(3, 3, 2)]
    [InlineData(5, 3, 2)]
    public void Every_broker_is_a_voter_and_topics_are_replicated_to_three_at_most(int replicas, int replicationFactor, int minInSync)
    {
        var compilation = Compile($"{{ replicas: {replicas} }}");
        var brokers = Brokers(compilation);
        var voters = Env(brokers, "KAFKA_CONTROLLER_QUORUM_VOTERS")!.Split(',');

        Assert.Equal(replicas, brokers.Spec.Replicas);
        Assert.Equal(Enumerable.Range(0, replicas).Select(i => $"{i}@kafka-buffer-{i}.kafka-buffer-brokers.{Namespace}.svc:9093"), voters);
        Assert.Equal(("broker,controller", $"{replicationFactor}", $"{minInSync}"), (Env(brokers, "KAFKA_PROCESS_ROLES"), Env(brokers, "KAFKA_DEFAULT_REPLICATION_FACTOR"), Env(brokers, "KAFKA_MIN_INSYNC_REPLICAS")));
        Assert.Contains($"--replication-factor {replicationFactor}", Script(compilation), StringComparison.Ordinal);
        Assert.Contains($"ready {replicationFactor}\n", Script(compilation), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_broker_advertises_its_own_address_on_the_headless_service_and_clients_bootstrap_from_the_client_service()
    {
        var compilation = Compile("{ storage: { size: 50Gi, storageClass: fast } }");
        var brokers = Brokers(compilation);
        var pod = brokers.Spec.Template.Spec;
        var container = pod.Containers.Single();
        var headless = Objects(compilation).OfType<Service>().Single(s => s.Metadata.Name == "kafka-buffer-brokers");
        var client = Objects(compilation).OfType<Service>().Single(s => s.Metadata.Name == "kafka-buffer");

        Assert.Equal(("None", true), (headless.Spec.ClusterIP, headless.Spec.PublishNotReadyAddresses));
        Assert.Equal(headless.Metadata.Name, brokers.Spec.ServiceName);
        Assert.Equal("Parallel", brokers.Spec.PodManagementPolicy);
        Assert.Equal(["broker"], client.Spec.Ports.Select(p => p.Name));
        Assert.Contains($"PLAINTEXT://${{HOSTNAME}}.kafka-buffer-brokers.{Namespace}.svc:9092", container.Args.Single(), StringComparison.Ordinal);
        Assert.Contains("KAFKA_NODE_ID=\"${HOSTNAME##*-}\"", container.Args.Single(), StringComparison.Ordinal);
        Assert.Equal(["bash", "-c"], container.Command.ToArray());
        Assert.Equal(Telc.Emit.Images.Kafka, container.Image);
        Assert.Equal("/var/lib/kafka/data/logs", Env(brokers, "KAFKA_LOG_DIRS"));
        Assert.Equal("false", Env(brokers, "KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
        Assert.False(pod.EnableServiceLinks);
        Assert.Equal("broker", container.ReadinessProbe!.TcpSocket!.Port);
        Assert.Equal(("50Gi", "fast"), (brokers.Spec.VolumeClaimTemplates.Single().Spec.Resources.Requests["storage"], brokers.Spec.VolumeClaimTemplates.Single().Spec.StorageClassName));
        Assert.Contains(container.VolumeMounts, m => m is { Name: "data", MountPath: "/var/lib/kafka/data" });
    }

    [SkippableFact]
    public void The_topics_script_creates_what_is_missing_grows_partitions_and_sets_configs()
    {
        Skip.If(OperatingSystem.IsWindows(), "the topics script is bash, run in a Linux image");
        using var folder = new TempFolder();
        var script = folder.Write(TopicsScript.FileName, Script(Compile("{ partitions: 6 }")));
        var log = Path.Combine(folder.Path, "calls.log");
        // Fake tools that log their arguments: three brokers, and app-logs already there with 4 partitions.
        const string Logger = "echo \"$(basename \"$0\") $*\" >> \"$CALLS\"\n";
        var tools = new[]
        {
            folder.Write("bin/kafka-broker-api-versions.sh", "#!/bin/bash\n" + Logger + "for i in 0 1 2; do echo \"kafka-buffer-$i:9092 (id: $i rack: null isFenced: false) -> (\"; done\n"),
            folder.Write("bin/kafka-topics.sh", "#!/bin/bash\n" + Logger + """
                if [[ " $* " == *" --describe "* ]]; then
                  count=6; [[ " $* " == *" telemetry.logs.app-logs "* ]] && count=4
                  printf 'Topic: %s\tTopicId: x\tPartitionCount: %s\tReplicationFactor: 3\tConfigs: \n\tTopic: %s\tPartition: 0\tLeader: 0\n' "$5" "$count" "$5"
                fi
                """),
            folder.Write("bin/kafka-configs.sh", "#!/bin/bash\n" + Logger),
        };
        if (!OperatingSystem.IsWindows())
        {
            foreach (var tool in tools)
            {
                File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var (exitCode, output) = ExternalTools.RunIn(folder.Path, new Dictionary<string, string>
        {
            ["PATH"] = $"{Path.Combine(folder.Path, "bin")}:{Environment.GetEnvironmentVariable("PATH")}",
            ["CALLS"] = log,
        }, TimeSpan.FromMinutes(1), "bash", script);

        Assert.True(exitCode == 0, output);
        var calls = File.ReadAllLines(log);
        const string Bootstrap = "--bootstrap-server kafka-buffer:9092";
        Assert.Equal($"kafka-broker-api-versions.sh {Bootstrap}", calls[0]);
        Assert.Equal(
        [
            $"kafka-topics.sh {Bootstrap} --create --if-not-exists --topic telemetry.logs.app-logs --partitions 6 --replication-factor 3",
            $"kafka-topics.sh {Bootstrap} --describe --topic telemetry.logs.app-logs",
            $"kafka-topics.sh {Bootstrap} --alter --topic telemetry.logs.app-logs --partitions 6",
            $"kafka-configs.sh {Bootstrap} --alter --entity-type topics --entity-name telemetry.logs.app-logs --add-config retention.ms=604800000,retention.bytes=-1,segment.ms=60480000,segment.bytes=1073741824",
            $"kafka-topics.sh {Bootstrap} --create --if-not-exists --topic telemetry.traces.app-traces --partitions 6 --replication-factor 3",
            $"kafka-topics.sh {Bootstrap} --describe --topic telemetry.traces.app-traces",
        ], calls[1..7]);
        Assert.DoesNotContain(calls, c => c.Contains("--alter --topic telemetry.traces.app-traces", StringComparison.Ordinal));
        Assert.Equal(3, calls.Count(c => c.StartsWith("kafka-configs.sh", StringComparison.Ordinal)));
    }

    [Fact]
    public void Via_must_name_a_kafka()
    {
        var error = Specs.Compile(Spec(pipelines: Buffered.Replace("output: { backend: traces, via: buffer }", "output: { backend: traces, via: logs }", StringComparison.Ordinal))).Single("TELC208");

        Assert.Equal("backend 'logs' is a loki, which cannot buffer a pipeline's data on its way to its backend for TracePipeline/app-traces", error.Message);
        Assert.Equal("use 'buffer'", error.Hint);
    }

    [Fact]
    public void Via_a_kafka_to_the_kafka_itself_is_refused() =>
        Assert.Contains("is Kafka backend 'buffer' itself", Specs.Compile(Spec(pipelines: Buffered.Replace("backend: traces, via: buffer", "backend: buffer, via: buffer", StringComparison.Ordinal)))
            .Single("TELC208").Message, StringComparison.Ordinal);

    [Fact]
    public void A_fluent_bit_pipeline_cannot_pass_through_kafka()
    {
        var error = Specs.Compile(Spec(pipelines: Buffered.Replace("  input: { containers:", "  agent: fluentbit\n  input: { containers:", StringComparison.Ordinal))).Single("TELC504");

        Assert.Contains("Fluent Bit writes its own JSON records to Kafka, not OTLP", error.Message, StringComparison.Ordinal);
        Assert.Equal("leave agent out: the OpenTelemetry Collector agent runs the pipeline and can do this", error.Hint);
    }

    [Fact]
    public void A_prometheus_scraped_pipeline_cannot_pass_through_kafka()
    {
        var error = Specs.Compile(Spec(pipelines: Buffered.Replace("input: { otlp: {} }\n  output: { backend: metrics", "input: { otlp: {}, node: {} }\n  output: { backend: metrics", StringComparison.Ordinal)))
            .Single("TELC504");

        Assert.Equal("the pull inputs of MetricPipeline/pushed are scraped by Prometheus, which ships by remote write and cannot write to Kafka", error.Message);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void A_kafka_not_deployed_where_the_pipeline_runs_is_an_error()
    {
        var error = Specs.Compile(Specs.Cluster("prod-2", "prod") + Spec().Replace("spec: { kafka: {} }", "spec: { clusters: [prod-1], kafka: {} }", StringComparison.Ordinal)
            .Replace("kind: LogPipeline\nmetadata: { name: app-logs }\nspec:\n", "kind: LogPipeline\nmetadata: { name: app-logs }\nspec:\n  clusters: [prod-2]\n", StringComparison.Ordinal))
            .Diagnostics.Where(d => d.Code == "TELC500").ToArray();

        Assert.Equal(
        [
            "LogPipeline/app-logs runs in cluster 'prod-2' and passes through Kafka 'buffer', which is not deployed there",
            "TracePipeline/app-traces runs in cluster 'prod-2' and passes through Kafka 'buffer', which is not deployed there",
            "MetricPipeline/pushed runs in cluster 'prod-2' and passes through Kafka 'buffer', which is not deployed there",
        ], error.Select(e => e.Message));
    }

    [Fact]
    public void The_kafka_receiver_is_checked_against_the_schema_derived_for_it()
    {
        var gateway = Of(Compile(), "otel-gateway");

        Assert.Contains("receivers.kafka/app-logs-from-kafka.initial_ofset: unknown setting (did you mean 'initial_offset'?)",
            CollectorConfigChecker.Check(With(gateway, "receivers.kafka/app-logs-from-kafka.initial_ofset", OutScalar.String("earliest"))).Select(p => p.ToString()));
        Assert.NotEmpty(CollectorConfigChecker.Check(With(gateway, "receivers.kafka/app-logs-from-kafka.initial_offset", OutScalar.String("oldest"))));
        Assert.NotEmpty(CollectorConfigChecker.Check(With(gateway, "receivers.kafka/app-logs-from-kafka.partition_processing", new OutMap([]))));
    }
}
