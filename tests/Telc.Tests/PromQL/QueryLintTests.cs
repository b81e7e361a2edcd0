using Telc.Semantics;
using Telc.Tests.Support;

namespace Telc.Tests.PromQL;

public sealed class QueryLintTests
{
    private const string Base = Specs.Header + "kind: Backend\nmetadata: { name: metrics }\nspec: { prometheus: { scrapeInterval: 1m } }\n";

    private static Telc.Compilation Compile(string rule) =>
        Specs.Compile(("b.yaml", Base), ("g.yaml", Specs.Header + "kind: AlertGroup\nmetadata: { name: g }\nspec:\n  rules:\n    - alert: A\n" + rule));

    [Theory]
    [InlineData("      expr: rate(memory_bytes[5m]) > 0\n", "TELC303")]
    [InlineData("      expr: rate(requests_total[1m]) > 0\n", "TELC304")]
    [InlineData("      expr: up{job=~\".*\"} == 0\n", "TELC305")]
    [InlineData("      expr: absent(sum(up))\n", "TELC306")]
    [InlineData("      expr: up == 0\n      summary: \"{{ $labels.instance\"\n", "TELC307")]
    [InlineData("      expr: up == 0\n      summary: \"{{ $value | humanise }}\"\n", "TELC307")]
    [InlineData("      expr: up == 0\n      annotations: { dashboard: \"{{ nosuchfunc 1 }}\" }\n", "TELC307")]
    public void Mistakes_in_valid_queries_and_templates_are_reported(string rule, string code)
    {
        Assert.Single(Compile(rule).Diagnostics, d => d.Code == code);
    }

    [Theory]
    [InlineData("      expr: rate(requests_total[5m]) > 0\n      summary: \"{{ $labels.instance }} at {{ $value | humanizePercentage }}\"\n")]
    [InlineData("      expr: absent(up{job=\"api\"})\n      description: \"{{ if gt $value 1.0 }}many{{ else }}one{{ end }} {{ printf \\\"%.2f\\\" $value }}\"\n")]
    [InlineData("      expr: histogram_quantile(0.9, sum by (le) (rate(latency_seconds_bucket[4m]))) > 1\n")]
    public void Good_rules_pass(string rule)
    {
        Assert.Empty(Compile(rule).Diagnostics);
    }

    [Fact]
    public void The_range_check_uses_the_interval_of_the_pipelines_that_feed_the_rules_backend()
    {
        var fast = Specs.Header + "kind: Backend\nmetadata: { name: fast }\nspec: { prometheus: { scrapeInterval: 10s } }\n";
        var group = Specs.Header + "kind: AlertGroup\nmetadata: { name: g }\nspec:\n  backend: fast\n  rules:\n    - alert: A\n      expr: rate(requests_total[30s]) > 0\n";

        Assert.Empty(Specs.Compile(("b.yaml", Base), ("f.yaml", fast), ("g.yaml", group)).Diagnostics);
        Assert.Single(Specs.Compile(("b.yaml", Base), ("f.yaml", fast), ("g.yaml", group.Replace("backend: fast", "backend: metrics"))).Diagnostics,
            d => d.Code == "TELC304");
    }

    [Theory]
    [InlineData("rate(node_cpu_seconds_total[1m]) > 0", "")]
    [InlineData("rate(kube_pod_container_status_restarts_total[1m]) > 0", "2m")]
    [InlineData("rate(kube_pod_container_status_restarts_total[1m]) > 0", "", "dropMetrics: [\"node_.*\", \"kube_.*\"]")]
    [InlineData("rate(http_requests_total[1m]) > 0", "2m")]
    [InlineData("rate(node_cpu_seconds_total[1m]) > 0", "2m", "dropMetrics: [\"go_.*\"]")]
    [InlineData("rate(http_requests_total[5m]) > 0", "")]
    [InlineData("deriv(job:requests:rate5m[1m]) > 0", "")]
    [InlineData("rate({__name__=\"x_total\"}[1m]) > 0", "2m")]
    public void The_range_check_uses_the_interval_of_the_pipelines_that_carry_the_metric(string expr, string reported, string filter = "dropMetrics: [\"node_.*\"]")
    {
        // Nodes and cluster state every 15s; applications every 2m, by a pipeline that drops what node-exporter sends
        // (a pull by annotations may carry any name, kube-state-metrics' too, unless the pipeline drops it).
        var backend = Specs.Header + "kind: Backend\nmetadata: { name: metrics }\nspec: { prometheus: { scrapeInterval: 30s } }\n";
        var infra = Specs.Header + "kind: MetricPipeline\nmetadata: { name: infra }\nspec:\n  scrapeInterval: 15s\n  input: { node: {}, kubeState: {} }\n  output: { backend: metrics }\n";
        var apps = Specs.Header + "kind: MetricPipeline\nmetadata: { name: apps }\nspec:\n  scrapeInterval: 2m\n  input: { prometheus: {} }\n"
            + $"  filter: {{ {filter} }}\n  output: {{ backend: metrics }}\n";
        var group = Specs.Header + $"kind: AlertGroup\nmetadata: {{ name: g }}\nspec:\n  rules:\n    - alert: A\n      expr: '{expr}'\n";

        var findings = Specs.Compile(("b.yaml", backend), ("i.yaml", infra), ("a.yaml", apps), ("g.yaml", group)).Diagnostics
            .Where(d => d.Code.StartsWith("TELC3", StringComparison.Ordinal));

        if (reported.Length == 0)
        {
            Assert.Empty(findings);
        }
        else
        {
            Assert.Contains($"at the {reported} scrape interval", Assert.Single(findings, d => d.Code == "TELC304").Message);
        }
    }

    [Theory]
    [InlineData("{{ $labels.instance }}", 0)]
    [InlineData("{{- $value | humanize1024 -}}", 0)]
    [InlineData("{{ range query \"up\" }}{{ .Labels.instance }}{{ end }}", 0)]
    [InlineData("{{ $value | humanise }}", 1)]
    [InlineData("{{ unclosed", 1)]
    [InlineData("{{/* a comment */}}", 0)]
    public void Templates_are_checked(string template, int problems)
    {
        Assert.Equal(problems, TemplateChecker.Problems(template).Count());
    }
}
