using Telc.Emit.OtelCollector;
using Telc.Output;
using Telc.Sources;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Collectors;

/// <summary>
/// The check of rendered collector configs against the schema derived from the pinned collector's sources: it passes
/// what telc renders, and refuses each thing the collector would refuse at start-up.
/// </summary>
public sealed class CollectorConfigCheckerTests
{
    private static readonly Lazy<Compilation> Kyma = new(() =>
        Compilation.Create(new WorkingTreeSource(RepoPaths.Combine("examples", "kyma", "telemetry"), RepoPaths.Root)));

    private static OutMap Agent => Of(Kyma.Value, "otel-agent");

    private static OutMap Gateway => Of(Kyma.Value, "otel-gateway");

    private static string[] Problems(OutMap config) => [.. CollectorConfigChecker.Check(config).Select(p => p.ToString())];

    [Fact]
    public void Every_component_name_telc_uses_is_current_in_the_pinned_collector()
    {
        foreach (var (kind, type) in Vocabulary.All)
        {
            Assert.True(CollectorSchema.Pinned.Find(kind, type)?.Type == type, $"{kind} '{type}' is not a current name in collector {CollectorSchema.Pinned.Version}");
        }
    }

    [Fact]
    public void The_images_are_the_versions_the_schemas_were_derived_from()
    {
        Assert.EndsWith(":" + CollectorSchema.Pinned.Version, Telc.Emit.Images.OtelCollector, StringComparison.Ordinal);
        Assert.EndsWith(":" + Telc.Emit.FluentBit.FluentBitSchema.Pinned.Version, Telc.Emit.Images.FluentBit, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_schema_node_is_of_the_documented_grammar_and_every_reference_resolves()
    {
        string[] members = ["type", "properties", "additionalProperties", "items", "format", "enum", "ref", "nullable", "note"];
        var schema = CollectorSchema.Pinned;
        var problems = new List<string>();
        void Walk(string path, System.Text.Json.JsonElement node)
        {
            foreach (var member in node.EnumerateObject())
            {
                if (!members.Contains(member.Name))
                {
                    problems.Add($"{path}: unexpected member '{member.Name}'");
                }
            }

            if (node.TryGetProperty("ref", out var reference) && !schema.Types.ContainsKey(reference.GetString()!))
            {
                problems.Add($"{path}: '{reference.GetString()}' is not among the types");
            }

            foreach (var (name, child) in node.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => (p.Name, p.Value)) : [])
            {
                Walk($"{path}.{name}", child);
            }

            foreach (var key in new[] { "items", "additionalProperties" })
            {
                if (node.TryGetProperty(key, out var child) && child.ValueKind == System.Text.Json.JsonValueKind.Object)
                {
                    Walk($"{path}[{key}]", child);
                }
            }
        }

        foreach (var component in schema.Components.Values)
        {
            Walk($"{component.Kind} {component.Type}", component.Config);
        }

        foreach (var (name, node) in schema.Types.Concat(schema.Operators))
        {
            Walk(name, node);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_rendered_configs_pass_as_the_collector_reads_them()
    {
        Assert.Empty(Problems(Agent));
        Assert.Empty(Problems(Gateway));
    }

    [Fact]
    public void An_unknown_setting_is_refused_with_the_closest_name() =>
        Assert.Contains("exporters.otlp_grpc/app-logs.sending_queue.queue_sise: unknown setting (did you mean 'queue_size'?)",
            Problems(With(Agent, "exporters.otlp_grpc/app-logs.sending_queue.queue_sise", new OutScalar("10", OutScalarKind.Number))));

    [Fact]
    public void A_value_of_the_wrong_type_is_refused() =>
        Assert.Contains("exporters.otlp_grpc/app-logs.sending_queue.queue_size: must be an integer, not the string 'many'",
            Problems(With(Agent, "exporters.otlp_grpc/app-logs.sending_queue.queue_size", OutScalar.String("many"))));

    [Fact]
    public void A_duration_go_cannot_parse_is_refused() =>
        Assert.Contains("exporters.otlp_grpc/app-logs.retry_on_failure.max_elapsed_time: '2d' is not a Go duration (e.g. 5s, 1m30s)",
            Problems(With(Agent, "exporters.otlp_grpc/app-logs.retry_on_failure.max_elapsed_time", OutScalar.String("2d"))));

    [Fact]
    public void A_component_under_its_old_name_is_refused()
    {
        var renamed = With(Agent, "receivers.filelog/app-logs", At(Agent, "receivers.file_log/app-logs"));
        renamed = With(renamed, "receivers.file_log/app-logs", null);
        renamed = With(renamed, "service.pipelines.logs/app-logs.receivers", Strings("filelog/app-logs"));

        Assert.Contains("receivers.filelog/app-logs: 'filelog' was renamed 'file_log' in the collector 0.159.0", Problems(renamed));
    }

    [Fact]
    public void A_component_the_collector_does_not_have_is_refused() =>
        Assert.Contains("processors.k8s_atributes: the collector 0.159.0 has no processor 'k8s_atributes' (did you mean 'k8s_attributes'?)",
            Problems(With(Agent, "processors.k8s_atributes", new OutMap([]))));

    [Fact]
    public void A_pipeline_without_an_exporter_is_refused() =>
        Assert.Contains("service.pipelines.logs/app-logs.exporters: a pipeline needs at least one of its exporters",
            Problems(With(Agent, "service.pipelines.logs/app-logs.exporters", null)));

    [Fact]
    public void A_component_a_pipeline_names_must_be_defined() =>
        Assert.Contains("service.pipelines.logs/app-logs.processors: 'filter/typo' is not defined under processors",
            Problems(With(Agent, "service.pipelines.logs/app-logs.processors", Strings("memory_limiter", "filter/typo", "batch"))));

    [Fact]
    public void A_component_on_a_signal_it_does_not_handle_is_refused() =>
        Assert.Contains("service.pipelines.logs/app-logs.receivers: 'zipkin' does not handle logs (it handles traces)",
            Problems(With(Gateway, "service.pipelines.logs/app-logs.receivers", Strings("zipkin"))));

    [Fact]
    public void A_component_no_pipeline_uses_is_refused() =>
        Assert.Contains("exporters.otlp_grpc/spare: defined but used by no pipeline",
            Problems(With(Agent, "exporters.otlp_grpc/spare", At(Agent, "exporters.otlp_grpc/app-logs"))));

    [Fact]
    public void An_extension_named_by_a_component_must_be_enabled() =>
        Assert.Contains("exporters.otlp_grpc/app-logs.sending_queue.storage: names the extension 'file_storage/queue', which is not defined",
            Problems(With(Agent, "exporters.otlp_grpc/app-logs.sending_queue.storage", OutScalar.String("file_storage/queue"))));

    [Fact]
    public void An_extension_defined_but_not_enabled_is_refused() =>
        Assert.Contains("extensions.file_storage: defined but not enabled in service.extensions",
            Problems(With(Agent, "service.extensions", Strings("health_check", "basicauth/otlp_http-shop-logs", "bearertokenauth/otlp_http-audit-logs"))));

    [Fact]
    public void Two_listeners_on_one_port_are_refused() =>
        Assert.Contains("service.telemetry.metrics.readers[0].pull.exporter.prometheus.port: port 8888 is also used by extensions.health_check.endpoint",
            Problems(With(Agent, "extensions.health_check.endpoint", OutScalar.String("0.0.0.0:8888"))));

    [Fact]
    public void A_stanza_operator_the_collector_does_not_have_is_refused()
    {
        var operators = (OutSeq)At(Agent, "receivers.file_log/app-logs.operators")!;
        var broken = new OutSeq([.. operators.Items, new OutMap([KeyValuePair.Create("type", (OutNode)OutScalar.String("json_parse"))])]);

        Assert.Contains("receivers.file_log/app-logs.operators[2].type: the collector 0.159.0 has no operator 'json_parse' (did you mean 'json_parser'?)",
            Problems(With(Agent, "receivers.file_log/app-logs.operators", broken)));
    }

    [Fact]
    public void A_connector_must_join_pipelines_of_the_signals_it_converts()
    {
        var kraken = Compilation.Create(new WorkingTreeSource(RepoPaths.Combine("examples", "kraken", "telemetry"), RepoPaths.Root));
        var agent = Of(kraken, "otel-agent");
        var connector = ((OutSeq)At(agent, "service.pipelines.logs/system-logs.exporters")!).Items.OfType<OutScalar>().Single(s => s.Text.StartsWith("signaltometrics", StringComparison.Ordinal)).Text;
        Assert.Empty(Problems(agent));

        var wrong = With(agent, "service.pipelines.logs/system-logs-derived", At(agent, "service.pipelines.metrics/system-logs-derived"));
        wrong = With(wrong, "service.pipelines.metrics/system-logs-derived", null);

        Assert.Contains(Problems(wrong), p => p.StartsWith($"connectors.{connector}: does not connect logs to logs", StringComparison.Ordinal));
    }
}
