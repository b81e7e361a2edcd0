using Telc.Tests.Support;

namespace Telc.Tests.Diagnostics;

/// <summary>
/// Spec values quoted in findings never reach a terminal or a CI log as control characters: an ESC would recolour the
/// terminal, an OSC retitle it, a bare CR start a new CI log line that forges a '::error' annotation.
/// </summary>
public sealed class ControlCharacterTests
{
    private const string Spec = Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec: { environment: dev, \"\\e[31mred\\r::error::forged\": 1 }\n";

    [Theory]
    [InlineData("text")]
    [InlineData("github")]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Every_format_shows_them_escaped(string format)
    {
        using var folder = new TempFolder();
        folder.Write("telemetry/spec.yaml", Spec);

        var result = CliRunner.Run(folder.Path, "validate", ".", "--format", format);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain('\u001B', result.Output);
        Assert.DoesNotContain('\r', result.Output);
        Assert.Contains("u001B[31mred", result.Output);
    }

    [Fact]
    public void The_message_holds_them_as_escapes() =>
        Assert.Contains(@"\u001B[31mred\u000D::error::forged", Specs.Compile(Spec).Diagnostics.First(d => d.Level == Telc.Diagnostics.DiagnosticLevel.Error).Message);
}
