using Telc.Emit.FluentBit;
using Telc.Emit.Kubernetes;
using Telc.Output;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Collectors;

/// <summary>Log pipelines with agent: fluentbit: a Fluent Bit DaemonSet whose config is checked against the plugins of the pinned Fluent Bit.</summary>
public sealed class FluentBitTests
{
    private static readonly string Stack = Specs.Cluster("dev-1", "dev") + Specs.Backend("metrics", "prometheus")
        + Specs.Backend("vendor", "external", "{ otlp: { endpoint: \"https://otlp.vendor.example:4318/otlp\", protocol: http, headers: [{ name: x-api-key, valueSecretRef: { name: vendor, key: key } }] } }")
        + Specs.Backend("search", "external", "{ elasticsearch: { url: \"https://search.example:9200\", auth: { bearerTokenSecretRef: { name: search, key: token } } } }");

    private static string Pipeline(string name, string settings, string output = "vendor") => Specs.Header + $$"""
        kind: LogPipeline
        metadata: { name: {{name}} }
        spec:
          agent: fluentbit
          output: { backend: {{output}} }
        {{settings}}
        ---

        """;

    private static readonly string Apps = Pipeline("apps", """
          input:
            containers: { namespaces: { include: [shop] } }
            node: { journald: true }
            events: {}
          parsers: [{ type: json }, { type: multiline, pattern: '^\d{4}-' }]
          filter: { drop: [{ field: kubernetes.namespace_name, matches: "^scratch" }], redact: [password] }
          derivedMetrics: [{ name: shop_errors_total, type: counter, match: { field: level, matches: "^error$" } }]
          buffer: { queueSize: 100, retryFor: 10m, persistent: true }
        """);

    private static Compilation Compile(string documents)
    {
        var compilation = Specs.Compile(Stack + documents);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return compilation;
    }

    private static OutMap Config(Compilation compilation) =>
        Parse(compilation.Objects.Select(o => o.Object).OfType<ConfigMap>().Single(c => c.Metadata.Name == "fluent-bit").Data["fluent-bit.yaml"]);

    /// <summary>A value by its key, which in Fluent Bit may hold dots (storage.type).</summary>
    private static string Value(OutMap map, string key) => ((OutScalar)map.Entries.Single(e => e.Key == key).Value).Text;

    private static string[] Problems(OutMap config) => [.. FluentBitConfigChecker.Check(config).Select(p => p.ToString())];

    private static OutMap WithPlugin(OutMap config, string section, int index, string key, OutNode? value)
    {
        var plugins = (OutSeq)At(config, $"pipeline.{section}")!;
        var changed = With((OutMap)plugins.Items[index], key, value);
        return With(config, $"pipeline.{section}", new OutSeq(plugins.Items.SetItem(index, changed)));
    }

    [Fact]
    public void The_rendered_config_passes_as_fluent_bit_reads_it() => Assert.Empty(Problems(Config(Compile(Apps))));

    [Fact]
    public void Each_pipeline_has_its_own_inputs_buffer_and_output()
    {
        var config = Config(Compile(Apps + Pipeline("audit", "  input: { files: [{ path: /var/log/audit/*.log }] }")));
        var outputs = ((OutSeq)At(config, "pipeline.outputs")!).Items.Cast<OutMap>().ToArray();

        Assert.Equal(["apps-derived", "apps", "audit"], outputs.Select(o => ((OutScalar)At(o, "alias")!).Text));
        Assert.Equal(["apps-derived", "apps.*", "audit.*"], outputs.Select(o => ((OutScalar)At(o, "match")!).Text));
        Assert.Equal("25600K", Value(outputs[1], "storage.total_limit_size"));
        Assert.Equal("15", ((OutScalar)At(outputs[1], "retry_limit")!).Text);
        var inputs = ((OutSeq)At(config, "pipeline.inputs")!).Items.Cast<OutMap>().ToArray();
        Assert.Equal(["apps.*", "apps.journal", "audit.file-0"], inputs.Select(i => ((OutScalar)At(i, "tag")!).Text));
        Assert.Equal(["filesystem", "filesystem", "memory"], inputs.Select(i => Value(i, "storage.type")));
    }

    [Fact]
    public void Events_of_a_fluent_bit_pipeline_are_watched_once_by_the_gateway()
    {
        var compilation = Compile(Apps);

        Assert.DoesNotContain(((OutSeq)At(Config(compilation), "pipeline.inputs")!).Items.Cast<OutMap>(), i => ((OutScalar)At(i, "name")!).Text == "kubernetes_events");
        Assert.Equal(["k8s_objects/apps-events"], ((OutMap)At(Of(compilation, "otel-gateway"), "receivers")!).Entries.Select(e => e.Key));
    }

    [Fact]
    public void Secret_values_come_from_the_environment()
    {
        var compilation = Compile(Apps);
        var output = ((OutSeq)At(Config(compilation), "pipeline.outputs")!).Items.Cast<OutMap>().Single(o => ((OutScalar)At(o, "name")!).Text == "opentelemetry");
        var container = compilation.Objects.Select(o => o.Object).OfType<DaemonSet>().Single(d => d.Metadata.Name == "fluent-bit").Spec.Template.Spec.Containers.Single();

        Assert.Equal(["x-api-key ${TELC_APPS_HEADER_X_API_KEY}"], ((OutSeq)At(output, "header")!).Items.Cast<OutScalar>().Select(s => s.Text));
        Assert.Equal("/otlp/v1/logs", ((OutScalar)At(output, "logs_uri")!).Text);
        Assert.Contains(container.Env, e => e.Name == "TELC_APPS_HEADER_X_API_KEY" && e.ValueFrom?.SecretKeyRef == new SecretKeySelector("vendor", "key"));
    }

    [Fact]
    public void What_fluent_bit_cannot_do_is_refused()
    {
        var compilation = Specs.Compile(Stack + Pipeline("apps", """
              input: { containers: {} }
              parsers: [{ type: json, field: kubernetes.labels }]
              filter: { redact: [kubernetes.pod_name] }
              derivedMetrics: [{ name: errors, type: counter }]
            """, output: "search"));

        Assert.Equal(4, compilation.Diagnostics.Count(d => d.Code == "TELC504"));
        Assert.Contains(compilation.Diagnostics, d => d.Message.Contains("not a bearer token", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_property_is_refused_with_the_closest_name() =>
        Assert.Contains("pipeline.inputs[0].read_from_haed: unknown property (did you mean 'read_from_head'?)",
            Problems(WithPlugin(Config(Compile(Apps)), "inputs", 0, "read_from_haed", new OutScalar("true", OutScalarKind.Bool))));

    [Fact]
    public void A_value_of_the_wrong_type_is_refused() =>
        Assert.Contains("pipeline.inputs[0].read_from_head: 'often' is not a bool value",
            Problems(WithPlugin(Config(Compile(Apps)), "inputs", 0, "read_from_head", OutScalar.String("often"))));

    [Fact]
    public void A_list_where_one_value_belongs_is_refused() =>
        Assert.Contains("pipeline.outputs[1].host: takes one value, not a list",
            Problems(WithPlugin(Config(Compile(Apps)), "outputs", 1, "host", Strings("a", "b"))));

    [Fact]
    public void A_plugin_fluent_bit_does_not_have_is_refused() =>
        Assert.Contains("pipeline.outputs[1].name: Fluent Bit 5.1.1 has no output plugin 'opentelemtry' (did you mean 'opentelemetry'?)",
            Problems(WithPlugin(Config(Compile(Apps)), "outputs", 1, "name", OutScalar.String("opentelemtry"))));

    [Fact]
    public void A_parser_filter_must_name_a_defined_parser() =>
        Assert.Contains(Problems(With(Config(Compile(Apps)), "parsers", null)), p => p.EndsWith("names the parser 'apps-json-0', which parsers does not define", StringComparison.Ordinal));

    [Fact]
    public void Records_no_output_matches_are_refused() =>
        Assert.Contains("pipeline.inputs[0]: no output matches its tag 'apps.*', so its records are dropped",
            Problems(WithPlugin(Config(Compile(Apps)), "outputs", 1, "match", OutScalar.String("other.*"))));
}
