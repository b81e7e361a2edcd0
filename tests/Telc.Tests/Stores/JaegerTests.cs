using Telc.Emit.Jaeger;
using Telc.Emit.Kubernetes;
using Telc.Output;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Stores;

/// <summary>
/// A Jaeger backend is a single-node Jaeger v2 keeping spans in badger on its volume (for as long as the RetentionPolicy
/// rules for traces say: TraceStoresTests), with a config Jaeger and the collector it is built on would start.
/// </summary>
public sealed class JaegerTests
{
    private static Compilation Compile(string jaeger, string others = "") =>
        Specs.CompileWithoutErrors(Specs.Cluster("prod-1", "prod") + Specs.Backend("traces", "jaeger", jaeger) + others);

    private static IEnumerable<IKubernetesObject> Objects(Compilation compilation) => compilation.Objects.Select(o => o.Object);

    private static OutMap Config(Compilation compilation) =>
        Parse(Objects(compilation).OfType<ConfigMap>().Single(c => c.Metadata.Name == "jaeger-traces-config").Data["jaeger.yaml"]);

    private static string? Text(OutNode config, string path) => (At(config, path) as OutScalar)?.Text;

    private static string[] Problems(OutMap config) => [.. JaegerConfigChecker.Check(config).Select(p => p.ToString())];

    private static string Retention(Compilation compilation) => Text(Config(compilation), "extensions.jaeger_storage.backends.traces.badger.ttl.spans")!;

    [Fact]
    public void The_rendered_config_passes_as_jaeger_reads_it_with_badger_on_the_volume()
    {
        var config = Config(Compile("{ retention: { time: 30d } }", others: Specs.TracePipeline("traces")));

        Assert.Empty(Problems(config));
        Assert.Equal("false", Text(config, "extensions.jaeger_storage.backends.traces.badger.ephemeral"));
        Assert.Equal("/var/lib/jaeger/badger/keys", Text(config, "extensions.jaeger_storage.backends.traces.badger.directories.keys"));
        Assert.Equal("/var/lib/jaeger/badger/values", Text(config, "extensions.jaeger_storage.backends.traces.badger.directories.values"));
        Assert.Equal("traces", Text(config, "exporters.jaeger_storage_exporter.trace_storage"));
        Assert.Equal("traces", Text(config, "extensions.jaeger_query.storage.traces"));
    }

    [Fact]
    public void The_receivers_the_ui_and_the_health_check_listen_on_every_interface()
    {
        var config = Config(Compile("{}"));

        Assert.Equal("0.0.0.0:4317", Text(config, "receivers.otlp.protocols.grpc.endpoint"));
        Assert.Equal("0.0.0.0:4318", Text(config, "receivers.otlp.protocols.http.endpoint"));
        Assert.Equal("0.0.0.0:16686", Text(config, "extensions.jaeger_query.http.endpoint"));
        Assert.Equal("0.0.0.0:13133", Text(config, "extensions.healthcheckv2.http.endpoint"));
    }

    [Fact]
    public void Without_a_rule_or_a_retention_jaegers_own_default_is_written_out() =>
        Assert.Equal("72h", Retention(Compile("{}")));

    [Fact]
    public void An_unknown_setting_is_refused_with_the_closest_name() =>
        Assert.Contains("extensions.jaeger_storage.backends.traces.badger.ephemeal: unknown setting (did you mean 'ephemeral'?)",
            Problems(With(Config(Compile("{}")), "extensions.jaeger_storage.backends.traces.badger.ephemeal", new OutScalar("false", OutScalarKind.Bool))));

    [Fact]
    public void A_ttl_in_days_is_refused_because_badger_reads_a_go_duration() =>
        Assert.Contains("extensions.jaeger_storage.backends.traces.badger.ttl.spans: '3d' is not a Go duration (e.g. 5s, 1m30s)",
            Problems(With(Config(Compile("{}")), "extensions.jaeger_storage.backends.traces.badger.ttl.spans", OutScalar.String("3d"))));

    [Theory]
    [InlineData("receivers.otlp.protocols.grpc.endpoint", "localhost:4317", "receivers.otlp.protocols.grpc.endpoint: 'localhost:4317': it listens on localhost only")]
    [InlineData("receivers.otlp.protocols.http.endpoint", null, "receivers.otlp.protocols.http.endpoint: left out, it is localhost: it listens on localhost only")]
    [InlineData("extensions.healthcheckv2.http.endpoint", null, "extensions.healthcheckv2.http.endpoint: left out, it is localhost")]
    public void A_listener_without_0_0_0_0_is_refused_because_no_other_pod_would_reach_it(string path, string? endpoint, string problem) =>
        Assert.Contains(Problems(With(Config(Compile("{}")), path, endpoint is null ? null : OutScalar.String(endpoint))), p => p.StartsWith(problem, StringComparison.Ordinal));

    [Fact]
    public void An_upstream_component_jaeger_does_not_bundle_is_refused_as_jaeger_names_it() =>
        Assert.Contains("extensions.health_check: Jaeger 2.20.0 has no extension 'health_check'",
            Problems(With(Config(Compile("{}")), "extensions.health_check", new OutMap([]))).Select(p => p.Split(" (did you mean")[0]));

    [Fact]
    public void A_bundled_upstream_component_is_checked_against_the_collectors_schema() =>
        Assert.Contains("processors.batch.send_batch_sise: unknown setting (did you mean 'send_batch_size'?)",
            Problems(With(Config(Compile("{}")), "processors.batch.send_batch_sise", new OutScalar("100", OutScalarKind.Number))));

    [Fact]
    public void A_trace_store_name_jaeger_storage_does_not_define_is_refused() =>
        Assert.Contains("exporters.jaeger_storage_exporter.trace_storage: names no trace store of jaeger_storage.backends (traces)",
            Problems(With(Config(Compile("{}")), "exporters.jaeger_storage_exporter.trace_storage", OutScalar.String("spans"))));

    [Fact]
    public void The_statefulset_runs_one_pod_as_jaegers_user_with_badger_on_its_claim_and_rolls_when_its_config_changes()
    {
        var compilation = Compile("{ storage: { size: 20Gi, storageClass: fast }, resources: { requests: { cpu: 200m, memory: 1Gi }, limits: { memory: 3Gi } } }");
        var statefulSet = Objects(compilation).OfType<StatefulSet>().Single(s => s.Metadata.Name == "jaeger-traces");
        var pod = statefulSet.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        var claim = Assert.Single(statefulSet.Spec.VolumeClaimTemplates);

        Assert.Equal(1, statefulSet.Spec.Replicas);
        Assert.Equal(Telc.Emit.Images.Jaeger, container.Image);
        Assert.Equal("--config=/etc/jaeger/jaeger.yaml", Assert.Single(container.Args));
        Assert.Equal((10001, 10001, true), (pod.SecurityContext!.RunAsUser, pod.SecurityContext.FsGroup, pod.SecurityContext.RunAsNonRoot));
        Assert.Equal(("/status", "health"), (container.ReadinessProbe!.HttpGet!.Path, container.ReadinessProbe.HttpGet.Port));
        Assert.Equal(13133, container.Ports.Single(p => p.Name == "health").ContainerPort);
        Assert.Equal([4317, 4318, 16686], Objects(compilation).OfType<Service>().Single().Spec.Ports.Select(p => p.Port));
        Assert.Contains(container.VolumeMounts, m => m is { Name: "data", MountPath: "/var/lib/jaeger" });
        Assert.Equal(("20Gi", "fast"), (claim.Spec.Resources.Requests["storage"], claim.Spec.StorageClassName));
        Assert.Equal(("200m", "1Gi", "3Gi"), (container.Resources.Requests["cpu"], container.Resources.Requests["memory"], container.Resources.Limits["memory"]));
        Assert.NotEqual(statefulSet.Spec.Template.Metadata.Annotations!["checksum/config"],
            Objects(Compile("{ storage: { size: 20Gi, storageClass: fast }, retention: { time: 20d } }")).OfType<StatefulSet>().Single().Spec.Template.Metadata.Annotations!["checksum/config"]);
    }

    [Fact]
    public void The_image_is_the_version_the_schema_was_derived_from() =>
        Assert.EndsWith(":" + JaegerConfigChecker.Version, Telc.Emit.Images.Jaeger, StringComparison.Ordinal);
}
