using Telc.Emit.Kubernetes;
using Telc.Output;
using Telc.Sources;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Collectors;

/// <summary>What log, trace and OTLP metric pipelines become: one collector pipeline, exporter and queue each, on the agent or the gateway.</summary>
public sealed class CollectorRenderTests
{
    private static readonly string Stack = Specs.Cluster("dev-1", "dev") + Specs.Backend("metrics", "prometheus")
        + Specs.Backend("vendor", "external", "{ otlp: { endpoint: \"https://otlp.vendor.example:4317\" } }");

    private static Compilation Compile(string documents)
    {
        var compilation = Specs.Compile(Stack + documents);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return compilation;
    }

    private static Compilation Example(string name) =>
        Compilation.Create(new WorkingTreeSource(RepoPaths.Combine("examples", name, "telemetry"), RepoPaths.Root));

    private static string[] Keys(OutNode? node) => node is OutMap map ? [.. map.Entries.Select(e => e.Key)] : [];

    private static string[] Items(OutNode? node) => node is OutSeq seq ? [.. seq.Items.OfType<OutScalar>().Select(s => s.Text)] : [];

    private static string Logs(string name, string input, string extra = "") => Specs.Header + $$"""
        kind: LogPipeline
        metadata: { name: {{name}} }
        spec:
          input: {{input}}
          output: { backend: vendor }
        {{extra}}
        ---

        """;

    [Fact]
    public void Every_pipeline_has_its_own_collector_pipeline_exporter_and_queue()
    {
        var kyma = Example("kyma");
        var agent = Of(kyma, "otel-agent");
        var gateway = Of(kyma, "otel-gateway");

        Assert.Equal(["logs/app-logs", "logs/audit-logs", "logs/shop-logs"], Keys(At(agent, "service.pipelines")));
        Assert.Equal(["metrics/app-metrics", "metrics/vendor-metrics", "traces/app-traces"], Keys(At(gateway, "service.pipelines")));
        foreach (var (config, pipeline) in Keys(At(agent, "service.pipelines")).Select(p => (agent, p)).Concat(Keys(At(gateway, "service.pipelines")).Select(p => (gateway, p))))
        {
            var exporter = Assert.Single(Items(At(config, $"service.pipelines.{pipeline}.exporters")));
            Assert.EndsWith("/" + pipeline.Split('/')[1], exporter, StringComparison.Ordinal);
        }

        Assert.Equal("2000", ((OutScalar)At(agent, "exporters.otlp_grpc/app-logs.sending_queue.queue_size")!).Text);
        Assert.Equal("1000", ((OutScalar)At(agent, "exporters.otlp_http/shop-logs.sending_queue.queue_size")!).Text);
        Assert.Equal("30m0s", ((OutScalar)At(agent, "exporters.otlp_grpc/app-logs.retry_on_failure.max_elapsed_time")!).Text);
    }

    [Fact]
    public void A_persistent_buffer_keeps_its_queue_on_the_node_and_others_in_memory()
    {
        var agent = Of(Example("kyma"), "otel-agent");

        Assert.Equal("file_storage", ((OutScalar)At(agent, "exporters.otlp_grpc/app-logs.sending_queue.storage")!).Text);
        Assert.Null(At(agent, "exporters.otlp_http/shop-logs.sending_queue.storage"));
        var daemonSet = Example("kyma").Objects.Select(o => o.Object).OfType<DaemonSet>().Single();
        Assert.Contains(daemonSet.Spec.Template.Spec.Volumes, v => v.Name == "storage" && v.HostPath is { Type: "DirectoryOrCreate" });
    }

    [Fact]
    public void Events_are_watched_once_per_cluster_by_the_gateway()
    {
        var compilation = Compile(Logs("events", "{ events: {}, containers: {} }"));
        var agent = Of(compilation, "otel-agent");
        var gateway = Of(compilation, "otel-gateway");

        Assert.DoesNotContain(Keys(At(agent, "receivers")), r => r.StartsWith("k8s_objects", StringComparison.Ordinal));
        Assert.Equal(["k8s_objects/events-events"], Keys(At(gateway, "receivers")));
        var deployment = compilation.Objects.Select(o => o.Object).OfType<Deployment>().Single(d => d.Metadata.Name == "otel-gateway");
        Assert.Equal(1, deployment.Spec.Replicas);
        var role = compilation.Objects.Select(o => o.Object).OfType<ClusterRole>().Single(r => r.Metadata.Name.EndsWith("otel-gateway", StringComparison.Ordinal));
        var rule = Assert.Single(role.Rules);
        Assert.Equal(["events.k8s.io"], rule.ApiGroups.AsEnumerable());
        Assert.Equal(["events"], rule.Resources.AsEnumerable());
        Assert.Equal(["list", "watch"], rule.Verbs.AsEnumerable());
    }

    [Fact]
    public void No_log_trace_or_otlp_metric_pipeline_is_left_unrendered()
    {
        foreach (var example in new[] { "kyma", "kraken", "quickstart" })
        {
            Assert.DoesNotContain(Example(example).Diagnostics, d => d.Code == "TELC501" && d.Message.Contains("Pipeline", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Secret_values_reach_the_collector_only_from_secrets()
    {
        var kyma = Example("kyma");
        var agentText = kyma.Objects.Select(o => o.Object).OfType<ConfigMap>().Single(c => c.Metadata.Name == "otel-agent").Data["collector.yaml"];
        var daemonSet = kyma.Objects.Select(o => o.Object).OfType<DaemonSet>().Single();
        var container = daemonSet.Spec.Template.Spec.Containers.Single();

        Assert.Contains("x-api-key: \"${env:TELC_APP_LOGS_HEADER_X_API_KEY}\"", agentText, StringComparison.Ordinal);
        Assert.Contains(container.Env, e => e.Name == "TELC_APP_LOGS_HEADER_X_API_KEY" && e.ValueFrom?.SecretKeyRef == new SecretKeySelector("vendor-api", "key"));
        Assert.Contains("filename: /etc/telc/secrets/audit-sink/token", agentText, StringComparison.Ordinal);
        Assert.Contains(daemonSet.Spec.Template.Spec.Volumes, v => v.Secret?.SecretName == "audit-sink");
        Assert.Contains("cert_file: /etc/telc/secrets/vendor-tls/tls.crt", agentText, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_plane_nodes_are_read_when_a_pipeline_asks()
    {
        var kraken = Example("kraken");
        var pod = kraken.Objects.Select(o => o.Object).OfType<DaemonSet>().Single(d => d.Metadata.Name == "otel-agent").Spec.Template.Spec;

        Assert.Contains(new Toleration(Key: "node-role.kubernetes.io/control-plane", Effect: "NoSchedule"), pod.Tolerations);
        Assert.Equal(["SYS_CHROOT"], pod.Containers.Single().SecurityContext!.Capabilities!.Add.AsEnumerable());
        Assert.Contains(pod.Volumes, v => v.HostPath?.Path == "/");
        Assert.Equal("/hostfs", ((OutScalar)At(Of(kraken, "otel-agent"), "receivers.journald/system-logs.root_path")!).Text);

        var kyma = Example("kyma").Objects.Select(o => o.Object).OfType<DaemonSet>().Single().Spec.Template.Spec;
        Assert.True(kyma.Tolerations.IsDefaultOrEmpty);
        Assert.DoesNotContain(kyma.Volumes, v => v.HostPath?.Path == "/");
    }

    [Fact]
    public void Derived_metrics_are_written_into_the_clusters_prometheus_under_their_own_names()
    {
        var kraken = Example("kraken");
        var agent = Of(kraken, "otel-agent");

        Assert.Equal(["signaltometrics/system-logs"], Items(At(agent, "service.pipelines.metrics/system-logs-derived.receivers")));
        Assert.Equal("http://prometheus-metrics.logging.svc:9090/api/v1/write", ((OutScalar)At(agent, "exporters.prometheusremotewrite/system-logs-derived.endpoint")!).Text);
        Assert.Equal("false", ((OutScalar)At(agent, "exporters.prometheusremotewrite/system-logs-derived.add_metric_suffixes")!).Text);
        var prometheus = kraken.Objects.Select(o => o.Object).OfType<StatefulSet>().Single(s => s.Metadata.Name == "prometheus-metrics");
        Assert.Contains("--web.enable-remote-write-receiver", prometheus.Spec.Template.Spec.Containers.Single().Args);
    }

    [Fact]
    public void Derived_metrics_without_a_prometheus_in_the_cluster_are_refused()
    {
        var compilation = Specs.Compile(Specs.Cluster("dev-1", "dev") + Specs.Backend("vendor", "external", "{ otlp: { endpoint: \"https://otlp.vendor.example:4317\" } }")
            + Logs("apps", "{ containers: {} }", "  derivedMetrics: [{ name: app_errors_total, type: counter }]"));

        Assert.Contains("need a Prometheus to go to in cluster 'dev-1'", compilation.Single("TELC500").Message);
    }

    [Theory]
    [InlineData("filter: { drop: [{ field: level, matches: \"(debug\" }] }")]
    [InlineData("derivedMetrics: [{ name: errors_total, type: counter, match: { field: level, matches: \"[a-\" } }]")]
    [InlineData("parsers: [{ type: regex, pattern: \"(?<level\" }]")]
    public void A_regular_expression_re2_refuses_is_an_error(string settings) =>
        Assert.Contains("is not a valid regular expression", Specs.Compile(Stack + Logs("apps", "{ containers: {} }", "  " + settings)).Single("TELC134").Message);

    [Fact]
    public void A_histogram_needs_its_value_field_and_labels_come_from_attributes()
    {
        var compilation = Specs.Compile(Stack + Logs("apps", "{ containers: {} }",
            "  derivedMetrics: [{ name: latency_seconds, type: histogram, labels: [body.path] }]"));

        Assert.Contains(compilation.Diagnostics, d => d.Code == "TELC132" && d.Message.Contains("needs the field it observes", StringComparison.Ordinal));
        Assert.Contains(compilation.Diagnostics, d => d.Code == "TELC215" && d.Message.Contains("part of the record's body", StringComparison.Ordinal));
    }

    [Fact]
    public void A_persistent_remote_write_queue_is_kept_in_the_exporters_write_ahead_log()
    {
        var gateway = Of(Compile(Specs.Header + """
            kind: MetricPipeline
            metadata: { name: pushed }
            spec:
              input: { otlp: {} }
              output: { backend: metrics }
              buffer: { persistent: true }
            """), "otel-gateway");

        Assert.Equal("/var/lib/otelcol/wal-pushed", ((OutScalar)At(gateway, "exporters.prometheusremotewrite/pushed.wal.directory")!).Text);
    }

    [Fact]
    public void Otlp_metrics_into_an_operator_prometheus_are_refused() =>
        Assert.Contains("does not enable its remote-write receiver", Specs.Compile(Specs.Cluster("dev-1", "dev") + Specs.Backend("metrics", "prometheus", "{ operator: true }")
            + Specs.Header + """
            kind: MetricPipeline
            metadata: { name: pushed }
            spec:
              input: { otlp: {} }
              output: { backend: metrics }
            """).Single("TELC504").Message);

    [Theory]
    [InlineData("/var/log/../../etc/shadow")]
    [InlineData("/var/log/./app.log")]
    [InlineData("/var/log/a.log,/etc/shadow")]
    public void A_file_input_path_that_hides_where_it_reads_is_refused(string path) =>
        Assert.Contains("a '.' or '..' segment or a comma", Specs.Compile(Stack + Logs("apps", $"{{ files: [{{ path: \"{path}\" }}] }}")).Single("TELC215").Message);

    [Theory]
    [InlineData("filter: { drop: [{ field: level, matches: \"${env:TELC_OTHER_PASSWORD}\" }] }")]
    [InlineData("parsers: [{ type: regex, pattern: \"^(?P<x>${TOKEN})$\" }]")]
    public void A_value_the_agents_would_expand_from_their_environment_is_refused(string settings)
    {
        var error = Specs.Compile(Stack + Logs("apps", "{ containers: {} }", "  " + settings)).Single("TELC215");

        Assert.Contains("which the OpenTelemetry Collector and Fluent Bit expand from their environment", error.Message);
    }

    [Fact]
    public void An_endpoint_the_agents_would_expand_is_refused() =>
        Assert.Contains("spec.external.otlp.endpoint of Backend/leak holds '${'", Specs.Compile(Stack
            + Specs.Backend("leak", "external", "{ otlp: { endpoint: \"https://collect.example/${env:TELC_APPS_HEADER_X_API_KEY}\" } }")).Single("TELC215").Message);

    [Fact]
    public void A_file_input_in_the_nodes_root_folder_is_refused() =>
        Assert.Contains("in the node's root folder", Specs.Compile(Stack + Logs("apps", "{ files: [{ path: /*.log }] }")).Single("TELC215").Message);

    [Fact]
    public void The_collectors_are_scraped_and_alerted_on_by_the_clusters_prometheus()
    {
        var kyma = Example("kyma");
        var rules = kyma.Objects.Select(o => o.Object).OfType<ConfigMap>().Single(c => c.Metadata.Name == "prometheus-metrics-rules");
        var config = kyma.Objects.Select(o => o.Object).OfType<ConfigMap>().Single(c => c.Metadata.Name == "prometheus-metrics-config").Data["prometheus.yml"];

        Assert.Contains("telc_otel_collectors.yaml", rules.Data.Keys);
        foreach (var alert in new[] { "OtelCollectorDroppingData", "OtelCollectorExportFailing", "OtelCollectorRefusingData", "OtelCollectorQueueNearlyFull" })
        {
            Assert.Contains($"alert: {alert}", rules.Data["telc_otel_collectors.yaml"], StringComparison.Ordinal);
        }

        Assert.Contains("job_name: telc/otel-collectors", config, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_collector_alerts_reach_the_receiver_the_routing_gives_platform_alerts()
    {
        ExternalTools.Require("amtool");
        using var folder = new TempFolder();
        var tree = RenderedTree.Render("examples/kyma", Path.Combine(folder.Path, "out"));
        var config = folder.Write("alertmanager.yml", tree.ConfigMaps("-config").Single(c => c.Data.ContainsKey("alertmanager.yml")).Data["alertmanager.yml"]);

        foreach (var (alert, severity) in new[] { ("OtelCollectorDroppingData", "critical"), ("OtelCollectorExportFailing", "warning"), ("OtelCollectorQueueNearlyFull", "warning") })
        {
            var (exitCode, output) = ExternalTools.Run("amtool", ["config", "routes", "test", "--config.file=" + config,
                $"alertname={alert}", $"severity={severity}", "cluster=kyma-prod", "collector=otel-agent", "exporter=otlp_grpc/app-logs"]);

            Assert.True(exitCode == 0, output);
            Assert.Equal("platform-slack", output.Split('\n').Last(l => l.Trim().Length > 0 && !l.StartsWith("Warning", StringComparison.Ordinal)).Trim());
        }
    }
}
