using Telc.Tests.Support;

namespace Telc.Tests.Cli;

public sealed class PromQLCommandTests
{
    [Fact]
    public void Fmt_prints_the_canonical_form()
    {
        var result = CliRunner.Run(RepoPaths.Root, "promql", "fmt", "sum   by(job)(rate( x[5m] ))>0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("sum by (job) (rate(x[5m])) > 0\n", result.Output);
    }

    [Fact]
    public void Fmt_reads_standard_input_and_reports_errors_with_line_and_column()
    {
        var result = CliRunner.RunWithInput(RepoPaths.Root, null, "sum(\n  rate(x)\n)", "promql", "fmt");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("2:8: argument 1 of \"rate\" expects a range vector", result.Error);
    }
}

public sealed class PromQLCheckCommandTests
{
    [Fact]
    public void Check_reports_errors_in_rule_files_and_prometheus_rules_at_their_lines()
    {
        using var folder = new TempFolder();
        folder.Write("rules.yml", "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          sum(rate(x[5m]))\n            / sum(rate(y))\n");
        folder.Write("rule.yaml", "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: r }\nspec:\n  groups:\n    - name: g\n      rules:\n        - record: r\n          expr: up == 1\n");

        var result = CliRunner.Run(folder.Path, "promql", "check", "rules.yml", "rule.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("7:24 error TELC301: argument 1 of \"rate\" expects a range vector", result.Output);
        Assert.Contains("1 error, 0 warnings in 2 files (2 expressions)", result.Output);
    }

    [Fact]
    public void Check_of_a_missing_file_is_a_usage_error()
    {
        Assert.Equal(3, CliRunner.Run(RepoPaths.Root, "promql", "check", "no/such/rules.yml").ExitCode);
    }
}
