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
