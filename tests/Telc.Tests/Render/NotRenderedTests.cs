using Telc.Emit;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>What the spec accepts but telc does not render is named in a TELC501 info, never dropped in silence.</summary>
public sealed class NotRenderedTests
{
    private static readonly string Stack = Specs.Cluster("dev-1", "dev") + Specs.Backend("metrics", "prometheus")
        + Specs.Backend("central", "external", "{ prometheusRemoteWrite: { url: \"https://metrics.example/api/v1/write\" } }") + Specs.Backend("logs", "loki");

    private static string[] Infos(string documents)
    {
        var compilation = Specs.Compile(Stack + documents);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return [.. compilation.Diagnostics.Where(d => d.Code == "TELC501").Select(d => d.Message)];
    }

    private static string Pipeline(string output, string buffer) => Specs.Header + $$"""
        kind: MetricPipeline
        metadata: { name: apps }
        spec:
          input: { node: {} }
          output: { backend: {{output}} }
          buffer: {{buffer}}
        """;

    [Fact]
    public void Buffer_fields_prometheus_cannot_express_are_named()
    {
        var infos = Infos(Pipeline("metrics", "{ queueSize: 100, retryFor: 10m, persistent: true }"));

        Assert.Contains(infos, m => m.StartsWith("buffer.queueSize and buffer.retryFor and buffer.persistent of MetricPipeline/apps are checked but not rendered", StringComparison.Ordinal));
    }

    [Fact]
    public void A_remote_write_queue_size_is_rendered_so_not_named()
    {
        var infos = Infos(Pipeline("central", "{ queueSize: 100, retryFor: 10m }"));

        Assert.Contains(infos, m => m.StartsWith("buffer.retryFor of MetricPipeline/apps is checked but not rendered", StringComparison.Ordinal));
        Assert.DoesNotContain(infos, m => m.Contains("queueSize", StringComparison.Ordinal));
    }

    [Fact]
    public void A_buffer_left_out_is_not_named() =>
        Assert.DoesNotContain(Infos(Specs.Header + """
            kind: MetricPipeline
            metadata: { name: apps }
            spec:
              input: { node: {} }
              output: { backend: metrics }
            """), m => m.Contains("buffer", StringComparison.Ordinal));

    [Fact]
    public void An_alert_group_for_loki_is_rendered_for_its_ruler_and_not_named()
    {
        var infos = Infos(Specs.Header + """
            kind: AlertGroup
            metadata: { name: log-alerts }
            spec:
              backend: logs
              rules:
                - alert: ManyErrors
                  expr: sum(rate({k8s_namespace_name="shop"} |= "error" [5m])) > 10
                  severity: warning
            """);

        Assert.DoesNotContain(infos, m => m.Contains("AlertGroup/log-alerts", StringComparison.Ordinal));
    }

    [Fact]
    public void Labels_of_a_document_no_object_is_rendered_from_are_named()
    {
        var infos = Infos(Specs.Header + "kind: Team\nmetadata: { name: shop, labels: { example.com/team: shop } }\nspec: { namespaces: [shop] }\n");

        Assert.Contains(infos, m => m.StartsWith("metadata.labels of Team/shop is checked but not rendered", StringComparison.Ordinal));
    }

    [Fact]
    public void Labels_of_a_rendered_document_go_onto_its_objects_and_are_not_named()
    {
        var compilation = Specs.Compile(Specs.Cluster("dev-1", "dev")
            + Specs.Header + "kind: Backend\nmetadata: { name: metrics, labels: { example.com/tier: storage }, annotations: { example.com/runbook: r } }\nspec: { prometheus: {} }\n");

        Assert.DoesNotContain(compilation.Diagnostics, d => d.Message.Contains("metadata.labels", StringComparison.Ordinal));
        var statefulSet = Assert.Single(compilation.Objects, o => o.Object.Kind == "StatefulSet").Object.Metadata;
        Assert.Equal("storage", statefulSet.Labels!["example.com/tier"]);
        Assert.Equal("r", statefulSet.Annotations!["example.com/runbook"]);
        Assert.Equal("prometheus", statefulSet.Labels["app.kubernetes.io/name"]);
    }

    [Fact]
    public void A_dashboard_naming_a_preset_says_the_preset_brings_its_dashboards() =>
        Assert.Contains(Infos(Specs.Header + "kind: Dashboard\nmetadata: { name: nodes }\nspec: { preset: node@1 }\n"),
            m => m == "Dashboard/nodes is checked but not rendered by this version of telc: a preset's dashboards come with the preset, where a Cluster or the Project switches it on");

    [Fact]
    public void Remote_write_tls_insecure_is_named() =>
        Assert.Contains(Infos(Specs.Header + "kind: Backend\nmetadata: { name: plain }\nspec: { external: { prometheusRemoteWrite: { url: 'http://m.example/write', tls: { insecure: true } } } }\n"),
            m => m.StartsWith("tls.insecure of Backend/plain is checked but not rendered", StringComparison.Ordinal));
}
