using Telc.Diagnostics;
using Telc.Emit.InfluxDb;
using Telc.Emit.Kubernetes;
using Telc.Emit.OtelCollector;
using Telc.Output;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Stores;

/// <summary>
/// An InfluxDB backend is an InfluxDB 2 set up on its first start from the spec, with a Job that applies the bucket's
/// retention whenever it changes; OTLP metric pipelines write to it through the collector's influxdb exporter.
/// </summary>
public sealed class InfluxDbTests
{
    private const string Namespace = "telemetry";

    private const string Token = "tokenSecretRef: { name: influxdb-auth, key: token }";

    private static readonly string Pushed = Specs.Header + """
        kind: MetricPipeline
        metadata: { name: pushed }
        spec:
          input: { otlp: {} }
          output: { backend: tsdb }
        ---

        """;

    private static string Spec(string influxdb, string rules = "[]", string? pipelines = null) =>
        Specs.Cluster("prod-1", "prod") + Specs.Backend("tsdb", "influxdb", $"{{ {influxdb} }}") + (pipelines ?? Pushed) + Specs.Header + $$"""
        kind: RetentionPolicy
        metadata: { name: retention }
        spec:
          rules: {{rules}}
        """;

    private static Compilation Compile(string influxdb = Token, string rules = "[]", string? pipelines = null)
    {
        var compilation = Specs.Compile(Spec(influxdb, rules, pipelines));
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return compilation;
    }

    private static IEnumerable<IKubernetesObject> Objects(Compilation compilation) => compilation.Objects.Select(o => o.Object);

    private static Container Server(Compilation compilation) =>
        Objects(compilation).OfType<StatefulSet>().Single(s => s.Metadata.Name == "influxdb-tsdb").Spec.Template.Spec.Containers.Single();

    private static string? Env(Container container, string name) => container.Env.SingleOrDefault(e => e.Name == name)?.Value;

    private static string Script(Compilation compilation) =>
        Objects(compilation).OfType<ConfigMap>().Single(c => c.Metadata.Name == "influxdb-tsdb-retention").Data[RetentionScript.FileName];

    private static string Job(Compilation compilation) => Objects(compilation).OfType<Job>().Single().Metadata.Name;

    private static string? Text(OutNode config, string path) => (At(config, path) as OutScalar)?.Text;

    [Fact]
    public void An_otlp_metric_pipeline_writes_to_the_bucket_with_the_token_from_the_secret()
    {
        var compilation = Compile("organization: acme, bucket: otel, " + Token);
        var gateway = Of(compilation, "otel-gateway");
        var service = Objects(compilation).OfType<Service>().Single(s => s.Metadata.Name == "influxdb-tsdb");
        var container = Objects(compilation).OfType<Deployment>().Single(d => d.Metadata.Name == "otel-gateway").Spec.Template.Spec.Containers.Single();

        Assert.Empty(CollectorConfigChecker.Check(gateway));
        Assert.Equal($"http://{service.Metadata.Name}.{Namespace}.svc:{service.Spec.Ports.Single().Port}", Text(gateway, "exporters.influxdb/pushed.endpoint"));
        Assert.Equal(("acme", "otel", "telegraf-prometheus-v1"), (Text(gateway, "exporters.influxdb/pushed.org"), Text(gateway, "exporters.influxdb/pushed.bucket"),
            Text(gateway, "exporters.influxdb/pushed.metrics_schema")));
        Assert.Equal("${env:TELC_PUSHED_TOKEN}", Text(gateway, "exporters.influxdb/pushed.token"));
        Assert.Contains(container.Env, e => e.Name == "TELC_PUSHED_TOKEN" && e.ValueFrom?.SecretKeyRef == new SecretKeySelector("influxdb-auth", "token"));
        Assert.Equal(["influxdb/pushed"], ((OutSeq)At(gateway, "service.pipelines.metrics/pushed.exporters")!).Items.Select(i => ((OutScalar)i).Text));
    }

    [Fact]
    public void The_first_start_sets_up_the_org_bucket_and_admin_from_the_spec_and_the_secret_never_from_rendered_values()
    {
        var container = Server(Compile("organization: acme, bucket: otel, retention: { time: 30d }, " + Token));
        var secret = new SecretKeySelector("influxdb-auth", "token");

        Assert.Equal(("setup", "admin", "acme", "otel", "720h"), (Env(container, "DOCKER_INFLUXDB_INIT_MODE"), Env(container, "DOCKER_INFLUXDB_INIT_USERNAME"),
            Env(container, "DOCKER_INFLUXDB_INIT_ORG"), Env(container, "DOCKER_INFLUXDB_INIT_BUCKET"), Env(container, "DOCKER_INFLUXDB_INIT_RETENTION")));
        Assert.Equal(secret, container.Env.Single(e => e.Name == "DOCKER_INFLUXDB_INIT_ADMIN_TOKEN").ValueFrom?.SecretKeyRef);
        Assert.Equal(secret, container.Env.Single(e => e.Name == "DOCKER_INFLUXDB_INIT_PASSWORD").ValueFrom?.SecretKeyRef);
        Assert.All(container.Env.Where(e => e.Name is "DOCKER_INFLUXDB_INIT_ADMIN_TOKEN" or "DOCKER_INFLUXDB_INIT_PASSWORD"), e => Assert.Null(e.Value));
    }

    [Fact]
    public void The_server_is_pinned_serves_8086_and_is_ready_when_health_answers()
    {
        var compilation = Compile("storage: { size: 20Gi, storageClass: fast }, " + Token);
        var statefulSet = Objects(compilation).OfType<StatefulSet>().Single(s => s.Metadata.Name == "influxdb-tsdb");
        var pod = statefulSet.Spec.Template.Spec;
        var container = pod.Containers.Single();

        Assert.Equal(Telc.Emit.Images.InfluxDb, container.Image);
        Assert.Equal("influxdb:2.9.1", Telc.Emit.Images.InfluxDb);
        Assert.Equal(("/health", "http", 8086), (container.ReadinessProbe!.HttpGet!.Path, container.ReadinessProbe.HttpGet.Port, container.Ports.Single().ContainerPort));
        Assert.Equal((1000, 1000, 1000), (pod.SecurityContext!.RunAsUser, pod.SecurityContext.RunAsGroup, pod.SecurityContext.FsGroup));
        Assert.Contains(container.VolumeMounts, m => m is { Name: "data", MountPath: "/var/lib/influxdb2" });
        Assert.Equal(("20Gi", "fast"), (statefulSet.Spec.VolumeClaimTemplates.Single().Spec.Resources.Requests["storage"], statefulSet.Spec.VolumeClaimTemplates.Single().Spec.StorageClassName));
    }

    [Theory]
    [InlineData("", "[]", "0")]
    [InlineData("retention: { time: 30d }, ", "[]", "720h")]
    [InlineData("retention: { time: 30d }, ", "[{ signal: metrics, duration: 60d }, { signal: metrics, environment: prod, backend: tsdb, duration: 90m }]", "90m")]
    [InlineData("retention: { time: 30d }, ", "[{ signal: metrics, environment: dev, backend: tsdb, duration: 1d }]", "720h")]
    public void The_most_specific_rule_for_metrics_sets_the_bucket_retention_at_first_start_and_later(string influxdb, string rules, string expected)
    {
        var compilation = Compile(influxdb + Token, rules);

        Assert.Equal(expected, Env(Server(compilation), "DOCKER_INFLUXDB_INIT_RETENTION"));
        Assert.Contains($"influx bucket update --id \"$id\" --retention {expected}\n", Script(compilation), StringComparison.Ordinal);
    }

    [Fact]
    public void The_retention_job_keeps_its_name_until_the_retention_changes()
    {
        var before = Job(Compile("retention: { time: 30d }, " + Token));

        Assert.Equal(before, Job(Compile("retention: { time: 30d }, " + Token)));
        Assert.Equal(before, Job(Compile("retention: { time: 30d }, storage: { size: 50Gi }, " + Token)));
        Assert.Matches("^influxdb-tsdb-retention-[0-9a-f]{10}$", before);
        Assert.NotEqual(before, Job(Compile("retention: { time: 20d }, " + Token)));
        Assert.NotEqual(before, Job(Compile(Token)));
    }

    [SkippableFact]
    public void The_retention_script_finds_the_bucket_by_name_and_updates_it_with_the_token_from_the_environment()
    {
        Skip.If(OperatingSystem.IsWindows(), "the retention script is bash, run in a Linux image");
        using var folder = new TempFolder();
        var script = folder.Write(RetentionScript.FileName, Script(Compile("bucket: otel, retention: { time: 14d }, " + Token)));
        var log = Path.Combine(folder.Path, "calls.log");
        var influx = folder.Write("bin/influx", """
            #!/bin/bash
            echo "influx $* token=$INFLUX_TOKEN" >> "$CALLS"
            if [ "$1 $2" = "bucket list" ]; then printf '0a1b2c3d\totel\t336h0m0s\t24h0m0s\t9f8e\timplicit\n'; fi
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(influx, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var (exitCode, output) = ExternalTools.RunIn(folder.Path, new Dictionary<string, string>
        {
            ["PATH"] = $"{Path.Combine(folder.Path, "bin")}:{Environment.GetEnvironmentVariable("PATH")}",
            ["CALLS"] = log,
            ["INFLUX_TOKEN"] = "s3cret",
            ["INFLUX_HOST"] = "http://influxdb-tsdb:8086",
        }, TimeSpan.FromMinutes(1), "bash", script);

        Assert.True(exitCode == 0, output);
        Assert.Equal(["influx ping token=s3cret", "influx bucket list --name otel --hide-headers token=s3cret", "influx bucket update --id 0a1b2c3d --retention 336h token=s3cret"],
            File.ReadAllLines(log));
        var job = Objects(Compile(Token)).OfType<Job>().Single().Spec.Template.Spec.Containers.Single();
        Assert.Equal(new SecretKeySelector("influxdb-auth", "token"), job.Env.Single(e => e.Name == "INFLUX_TOKEN").ValueFrom?.SecretKeyRef);
        Assert.Equal("http://influxdb-tsdb:8086", job.Env.Single(e => e.Name == "INFLUX_HOST").Value);
    }

    [Fact]
    public void Without_a_token_secret_it_is_an_error_with_a_hint()
    {
        var error = Specs.Compile(Spec("bucket: otel")).Single("TELC132");

        Assert.Contains("Backend/tsdb runs InfluxDB", error.Message, StringComparison.Ordinal);
        Assert.Contains("tokenSecretRef: { name: influxdb-auth, key: token }", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prometheus_scraped_pipeline_to_influxdb_is_refused_with_a_hint()
    {
        var error = Specs.Compile(Spec(Token, pipelines: Pushed.Replace("input: { otlp: {} }", "input: { node: {} }", StringComparison.Ordinal))).Single("TELC504");

        Assert.Equal("the pull inputs of MetricPipeline/pushed are scraped by Prometheus, which ships by remote write, and InfluxDB 2 takes no Prometheus remote write", error.Message);
        Assert.Contains("ship only the OTLP input to InfluxDB", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retention: { time: 30m }, " + Token, "[]")]
    [InlineData(Token, "[{ signal: metrics, backend: tsdb, duration: 10m }]")]
    public void A_retention_shorter_than_an_hour_is_refused(string influxdb, string rules) =>
        Assert.Contains("InfluxDB keeps a bucket's data for at least an hour", Specs.Compile(Spec(influxdb, rules)).Single("TELC215").Message, StringComparison.Ordinal);

    [Fact]
    public void It_takes_no_size_and_a_size_it_shares_with_prometheus_is_named_for_it()
    {
        var named = Specs.Compile(Spec(Token, "[{ signal: metrics, backend: tsdb, duration: 30d, size: 10GiB }]"));
        var shared = Specs.Compile(Specs.Backend("prom", "prometheus", "{}") + Spec(Token, "[{ signal: metrics, duration: 30d, size: 10GiB }]"));

        Assert.Equal("TELC130", Specs.Compile(Spec("retention: { time: 30d, size: 10GiB }, " + Token)).Diagnostics.Single(d => d.Level == DiagnosticLevel.Error).Code);
        Assert.Equal("size 10GiB of this metrics rule is enforced by none of the stores it reaches: InfluxDB deletes metrics by age only", named.Single("TELC220").Message);
        Assert.False(shared.HasErrors, string.Join("\n", shared.Diagnostics));
        Assert.Contains(shared.Diagnostics, d => d.Code == "TELC501" && d.Message.StartsWith("spec.rules[0].size of RetentionPolicy/retention for InfluxDB is checked but not rendered", StringComparison.Ordinal));
        Assert.Equal("720h", Env(Server(shared), "DOCKER_INFLUXDB_INIT_RETENTION"));
    }

    [Fact]
    public void The_influxdb_exporter_is_checked_against_the_schema_derived_for_it()
    {
        var gateway = Of(Compile(), "otel-gateway");

        Assert.Contains("exporters.influxdb/pushed.buckt: unknown setting (did you mean 'bucket'?)",
            CollectorConfigChecker.Check(With(gateway, "exporters.influxdb/pushed.buckt", OutScalar.String("metrics"))).Select(p => p.ToString()));
        Assert.NotEmpty(CollectorConfigChecker.Check(With(gateway, "exporters.influxdb/pushed.metrics_schema", OutScalar.String("telegraf-prometheus-v3"))));
    }
}
