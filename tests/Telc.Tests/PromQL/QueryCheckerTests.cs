using Telc.Tests.Support;

namespace Telc.Tests.PromQL;

/// <summary>PromQL errors are reported at their line and column inside the YAML, block scalars included.</summary>
public sealed class QueryCheckerTests
{
    private const string Base = Specs.Header + "kind: Backend\nmetadata: { name: metrics }\nspec: { prometheus: {} }\n";

    private static Telc.Compilation Compile(string rules) =>
        Specs.Compile(("b.yaml", Base), ("g.yaml", Specs.Header + "kind: AlertGroup\nmetadata: { name: g }\nspec:\n  rules:\n" + rules));

    [Fact]
    public void An_error_inside_a_block_scalar_points_at_its_line_and_column()
    {
        var compilation = Compile("    - alert: A\n      expr: |\n        sum(rate(x[5m]))\n          / sum(rate(y))\n");

        var diagnostic = compilation.Single("TELC301");
        Assert.Equal("9:22", diagnostic.Start.ToString());
        Assert.Contains("expects a range vector", diagnostic.Message);
    }

    [Theory]
    [InlineData("sort_by_label(up, \"job\")", "7:14", "runs the function 'sort_by_label' only with --enable-feature=promql-experimental-functions")]
    [InlineData("double_exponential_smoothing(up[5m], 0.5, 0.5)", "7:14", "does not know the function 'double_exponential_smoothing'")]
    [InlineData("sum by (\"job\") (up)", "7:14", "does not know quoted label names in by or without")]
    [InlineData("rate(up[5m] anchored)", "7:19", "does not know the range modifier 'anchored'")]
    [InlineData("up offset 5", "7:24", "does not know the duration '5'")]
    public void Syntax_newer_than_the_prometheus_telc_deploys_is_refused_where_it_is(string expr, string at, string message)
    {
        var error = Compile($"    - record: r\n      expr: '{expr}'\n").Single("TELC215");

        Assert.Equal(at, error.Start.ToString());
        Assert.StartsWith($"Prometheus {Telc.Semantics.DeployedPrometheusSyntax.Version}, which telc deploys, ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void The_prometheus_operator_runs_its_own_version_so_newer_syntax_is_its_to_judge() =>
        Assert.DoesNotContain(Specs.Compile(("b.yaml", Base.Replace("prometheus: {}", "prometheus: { operator: true }", StringComparison.Ordinal)),
            ("g.yaml", Specs.Header + "kind: AlertGroup\nmetadata: { name: g }\nspec:\n  rules:\n    - record: r\n      expr: 'sort_by_label(up, \"job\")'\n")).Diagnostics,
            d => d.Code == "TELC215");

    [Fact]
    public void An_error_in_a_plain_scalar_points_inside_it()
    {
        var compilation = Compile("    - record: r\n      expr: sum(rate(x[5m])\n");

        Assert.Equal("7:28", compilation.Single("TELC300").Start.ToString());
    }

    [Fact]
    public void An_error_in_a_crlf_block_scalar_points_at_its_line()
    {
        var rules = "    - alert: A\r\n      expr: |\r\n        up\r\n          == bool\r\n";

        var compilation = Specs.Compile(("b.yaml", Base), ("g.yaml", (Specs.Header + "kind: AlertGroup\nmetadata: { name: g }\nspec:\n  rules:\n").Replace("\n", "\r\n") + rules));

        var diagnostic = compilation.Single("TELC300");
        Assert.Equal(9, diagnostic.Start.Line);
    }

    [Fact]
    public void Alerts_must_select_series()
    {
        var compilation = Compile("    - alert: A\n      expr: 1 > bool 0\n");

        Assert.Contains("returns a scalar", compilation.Single("TELC302").Message);
    }

    [Fact]
    public void Slo_queries_are_checked_with_the_window_placeholder()
    {
        var slo = Specs.Header + "kind: SLO\nmetadata: { name: s }\nspec:\n  service: api\n  objective: 99.9\n  sli:\n    errorQuery: sum(rate(errors_total[{{.window}}]))\n    totalQuery: sum(rate(requests_total{{.window}}))\n";

        var compilation = Specs.Compile(("b.yaml", Base), ("s.yaml", slo));

        // The total query lacks the brackets around {{.window}}: rate() then gets an instant vector.
        var diagnostic = Assert.Single(compilation.Diagnostics);
        Assert.Equal("TELC301", diagnostic.Code);
        Assert.Equal("9:26", diagnostic.Start.ToString());
    }

    [Theory]
    [InlineData("{{ .window }}")]
    [InlineData("{{- .window -}}")]
    [InlineData("{{.window }}")]
    public void The_window_placeholder_may_have_spaces_as_in_go_templates(string placeholder)
    {
        var slo = Specs.Header + $"kind: SLO\nmetadata: {{ name: s }}\nspec:\n  service: api\n  objective: 99.9\n  sli:\n    errorQuery: sum(rate(errors_total[{placeholder}]))\n    totalQuery: sum(rate(requests_total[{placeholder}]))\n";

        var compilation = Specs.Compile(("b.yaml", Base), ("s.yaml", slo));

        Assert.Empty(compilation.Problems());
    }

    [Fact]
    public void LogQL_groups_of_the_only_rules_backend_are_read_as_LogQL()
    {
        var spec = Specs.Cluster("dev-1", "dev") + Specs.Backend("logs", "loki") + Specs.Header + """
            kind: AlertGroup
            metadata: { name: log-alerts }
            spec:
              rules:
                - alert: ManyErrors
                  expr: sum(rate({namespace="shop"} |= "error" [5m])) > 10
            """;

        var compilation = Specs.Compile(spec);

        // Not a PromQL error: a LogQL warning that telc's Loki indexes the namespace as k8s_namespace_name.
        var finding = Assert.Single(compilation.Diagnostics, d => d.Code.StartsWith("TELC3", StringComparison.Ordinal));
        Assert.Equal("TELC312", finding.Code);
        Assert.Contains("'k8s_namespace_name'", finding.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_examples_have_no_query_errors()
    {
        foreach (var example in new[] { "quickstart", "microservices" })
        {
            var result = CliRunner.Run(RepoPaths.Root, "validate", $"examples/{example}");
            Assert.Equal(0, result.ExitCode);
        }
    }
}
