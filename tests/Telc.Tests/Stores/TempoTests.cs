using Telc.Emit.Kubernetes;
using Telc.Emit.Tempo;
using Telc.Output;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Stores;

/// <summary>
/// A Tempo backend is a single-binary Tempo whose block retention comes from the RetentionPolicy rules for traces, and
/// whose metrics generator writes to the cluster's Prometheus.
/// </summary>
public sealed class TempoTests
{
    private const string Namespace = "telemetry";

    private static string Spec(string tempo, string rules = "[]", string others = "") =>
        Specs.Cluster("prod-1", "prod") + Specs.Backend("traces", "tempo", tempo) + others + Specs.ShopAndRetention(rules);

    private static readonly string Prometheus = Specs.Backend("metrics", "prometheus");

    private static Compilation Compile(string tempo, string rules = "[]", string others = "") => Specs.CompileWithoutErrors(Spec(tempo, rules, others));

    private static IEnumerable<IKubernetesObject> Objects(Compilation compilation) => compilation.Objects.Select(o => o.Object);

    private static OutMap Config(Compilation compilation) =>
        Parse(Objects(compilation).OfType<ConfigMap>().Single(c => c.Metadata.Name == "tempo-traces-config").Data["tempo.yaml"]);

    private static string? Text(OutNode config, string path) => (At(config, path) as OutScalar)?.Text;

    private static string[] Problems(OutMap config) => [.. TempoConfigChecker.Check(config).Select(p => p.ToString())];

    private static StatefulSet StatefulSet(Compilation compilation, string name) => Objects(compilation).OfType<StatefulSet>().Single(s => s.Metadata.Name == name);

    [Fact]
    public void The_rendered_config_passes_as_tempo_reads_it()
    {
        var config = Config(Compile("{ metricsGenerator: {} }", "[{ signal: traces, duration: 30d }]", Prometheus));

        Assert.Empty(Problems(config));
        Assert.Equal("local", Text(config, "storage.trace.backend"));
        Assert.Equal("/var/tempo/blocks", Text(config, "storage.trace.local.path"));
        Assert.Equal("/var/tempo/wal", Text(config, "storage.trace.wal.path"));
        Assert.Equal("false", Text(config, "usage_report.reporting_enabled"));
    }

    [Fact]
    public void The_otlp_receivers_listen_on_every_interface_since_tempo_2_7_binds_localhost_otherwise()
    {
        var config = Config(Compile("{}"));

        Assert.Equal("0.0.0.0:4317", Text(config, "distributor.receivers.otlp.protocols.grpc.endpoint"));
        Assert.Equal("0.0.0.0:4318", Text(config, "distributor.receivers.otlp.protocols.http.endpoint"));
    }

    [Fact]
    public void Without_a_rule_or_a_retention_tempos_own_default_is_written_out() =>
        Assert.Equal("336h", Text(Config(Compile("{}")), "compactor.compaction.block_retention"));

    [Fact]
    public void A_retention_of_hours_and_minutes_stays_a_go_duration() =>
        Assert.Equal("36h30m0s", Text(Config(Compile("{ retention: { time: 1d12h30m } }")), "compactor.compaction.block_retention"));

    [Fact]
    public void A_rule_for_every_team_beats_the_backends_own_retention() =>
        Assert.Equal("480h", Text(Config(Compile("{ retention: { time: 10d } }", "[{ signal: traces, duration: 20d }]")), "compactor.compaction.block_retention"));

    [Fact]
    public void An_unknown_setting_is_refused_with_the_closest_name() =>
        Assert.Contains("tempo.yaml.compactor.compaction.block_retenton: unknown setting (did you mean 'block_retention'?)",
            Problems(With(Config(Compile("{}")), "compactor.compaction.block_retenton", OutScalar.String("336h"))));

    [Fact]
    public void A_retention_in_days_is_refused_because_block_retention_is_a_go_duration() =>
        Assert.Contains("tempo.yaml.compactor.compaction.block_retention: '14d' is not a Go duration (e.g. 5s, 1m30s)",
            Problems(With(Config(Compile("{}")), "compactor.compaction.block_retention", OutScalar.String("14d"))));

    [Fact]
    public void A_receiver_tempo_does_not_register_is_refused() =>
        Assert.Contains("tempo.yaml.distributor.receivers.opencensus: unknown setting",
            Problems(With(Config(Compile("{}")), "distributor.receivers.opencensus", new OutMap([]))));

    [Fact]
    public void A_setting_of_the_otlp_receiver_is_checked_as_the_collector_decodes_it() =>
        Assert.Contains("tempo.yaml.distributor.receivers.otlp.protocols.grpc.endpont: unknown setting (did you mean 'endpoint'?)",
            Problems(With(Config(Compile("{}")), "distributor.receivers.otlp.protocols.grpc.endpont", OutScalar.String("0.0.0.0:4317"))));

    [Fact]
    public void The_metrics_generator_writes_to_the_prometheus_service_which_receives_remote_writes()
    {
        var compilation = Compile("{ metricsGenerator: {} }", others: Prometheus);
        var config = Config(compilation);
        var prometheus = Objects(compilation).OfType<Service>().Single(s => s.Metadata.Name == "prometheus-metrics");
        var write = (OutMap)Assert.Single(((OutSeq)At(config, "metrics_generator.storage.remote_write")!).Items);

        Assert.Equal($"http://{prometheus.Metadata.Name}.{Namespace}.svc:{Assert.Single(prometheus.Spec.Ports).Port}/api/v1/write", Text(write, "url"));
        Assert.Equal("/var/tempo/generator/wal", Text(config, "metrics_generator.storage.path"));
        Assert.Equal(["service-graphs", "span-metrics"], ((OutSeq)At(config, "overrides.defaults.metrics_generator.processors")!).Items.Select(i => ((OutScalar)i).Text));
        Assert.Equal("tempo-traces", Text(config, "metrics_generator.registry.external_labels.tempo"));
        Assert.Contains("--web.enable-remote-write-receiver", Assert.Single(StatefulSet(compilation, "prometheus-metrics").Spec.Template.Spec.Containers).Args);
    }

    [Fact]
    public void Only_the_metrics_asked_for_are_generated()
    {
        var config = Config(Compile("{ metricsGenerator: { serviceGraphs: false } }", others: Prometheus));

        Assert.Equal(["span-metrics"], ((OutSeq)At(config, "overrides.defaults.metrics_generator.processors")!).Items.Select(i => ((OutScalar)i).Text));
    }

    [Fact]
    public void Without_a_generator_nothing_is_written_to_prometheus()
    {
        var compilation = Compile("{ metricsGenerator: { spanMetrics: false, serviceGraphs: false } }", others: Prometheus);

        Assert.Null(At(Config(compilation), "metrics_generator"));
        Assert.Null(At(Config(compilation), "overrides"));
        Assert.DoesNotContain("--web.enable-remote-write-receiver", Assert.Single(StatefulSet(compilation, "prometheus-metrics").Spec.Template.Spec.Containers).Args);
    }

    [Theory]
    [InlineData("")]
    [InlineData("apiVersion: telc.io/v1alpha1\nkind: Backend\nmetadata: { name: metrics }\nspec: { prometheus: { operator: true } }\n---\n")]
    public void A_generator_without_a_prometheus_to_write_to_is_an_error(string others)
    {
        var error = Specs.Compile(Spec("{ metricsGenerator: { spanMetrics: true } }", others: others)).Single("TELC500");

        Assert.Equal("the metrics Tempo 'traces' generates from spans need a Prometheus to go to in cluster 'prod-1', and none runs there", error.Message);
        Assert.Equal(9, error.Start.Line);
    }

    [Fact]
    public void The_statefulset_runs_as_tempos_user_keeps_its_data_on_its_claim_and_rolls_when_its_config_changes()
    {
        var compilation = Compile("{ storage: { size: 20Gi, storageClass: fast }, resources: { requests: { cpu: 200m, memory: 1Gi }, limits: { memory: 3Gi } } }");
        var statefulSet = StatefulSet(compilation, "tempo-traces");
        var pod = statefulSet.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        var claim = Assert.Single(statefulSet.Spec.VolumeClaimTemplates);

        Assert.Equal(1, statefulSet.Spec.Replicas);
        Assert.Equal(Telc.Emit.Images.Tempo, container.Image);
        Assert.Equal("-config.file=/etc/tempo/tempo.yaml", Assert.Single(container.Args));
        Assert.Equal((10001, 10001), (pod.SecurityContext!.RunAsUser, pod.SecurityContext.FsGroup));
        Assert.Equal(("/ready", "http"), (container.ReadinessProbe!.HttpGet!.Path, container.ReadinessProbe.HttpGet.Port));
        Assert.Equal(3200, container.Ports.Single(p => p.Name == "http").ContainerPort);
        Assert.Equal([3200, 4317, 4318], Objects(compilation).OfType<Service>().Single().Spec.Ports.Select(p => p.Port));
        Assert.Contains(container.VolumeMounts, m => m is { Name: "data", MountPath: "/var/tempo" });
        Assert.Equal(("20Gi", "fast"), (claim.Spec.Resources.Requests["storage"], claim.Spec.StorageClassName));
        Assert.Equal(("200m", "1Gi", "3Gi"), (container.Resources.Requests["cpu"], container.Resources.Requests["memory"], container.Resources.Limits["memory"]));
        Assert.NotEqual(statefulSet.Spec.Template.Metadata.Annotations!["checksum/config"],
            StatefulSet(Compile("{ storage: { size: 20Gi, storageClass: fast }, retention: { time: 20d } }"), "tempo-traces").Spec.Template.Metadata.Annotations!["checksum/config"]);
    }

    [Fact]
    public void Tempo_is_scraped_and_alerted_on_by_the_prometheus_it_writes_to()
    {
        var compilation = Compile("{}", others: Prometheus);
        var config = Objects(compilation).OfType<ConfigMap>().Single(c => c.Metadata.Name == "prometheus-metrics-config").Data["prometheus.yml"];
        var rules = Objects(compilation).OfType<ConfigMap>().Single(c => c.Metadata.Name == "prometheus-metrics-rules").Data;

        Assert.Contains($"job_name: {TempoAlerts.JobName}", config, StringComparison.Ordinal);
        Assert.Contains("rules/*.yaml", config, StringComparison.Ordinal);
        foreach (var alert in new[] { "TempoDiscardingSpans", "TempoCompactorFailing", "TempoFlushesFailing" })
        {
            Assert.Contains($"alert: {alert}", rules[TempoAlerts.FileName], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_prometheus_that_monitors_nothing_in_one_cluster_does_not_get_another_clusters_rule_file()
    {
        var compilation = Specs.Compile(Specs.Cluster("prod-1", "prod") + Specs.Cluster("prod-2", "prod") + Prometheus
            + Specs.Header + "kind: Backend\nmetadata: { name: traces }\nspec: { clusters: [prod-1], tempo: {} }\n---\n" + Specs.Header + """
            kind: AlertGroup
            metadata: { name: shop }
            spec:
              rules:
                - { alert: ShopDown, expr: up == 0, severity: critical }
            """);
        var rules = compilation.Objects.Where(o => o.Object is ConfigMap { Metadata.Name: "prometheus-metrics-rules" })
            .ToDictionary(o => o.Cluster, o => ((ConfigMap)o.Object).Data.Keys.ToArray());

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        Assert.Contains(TempoAlerts.FileName, rules["prod-1"]);
        Assert.DoesNotContain(TempoAlerts.FileName, rules["prod-2"]);
    }

    [Fact]
    public void The_image_is_the_version_the_schema_was_derived_from() =>
        Assert.EndsWith(":" + TempoConfigChecker.Version, Telc.Emit.Images.Tempo, StringComparison.Ordinal);
}
