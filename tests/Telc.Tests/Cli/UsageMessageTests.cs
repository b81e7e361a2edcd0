using System.Text.Json;
using Telc.Tests.Support;

namespace Telc.Tests.Cli;

/// <summary>A mistyped command line is told in one line about what was mistyped, and machine formats stay machine-readable.</summary>
public sealed class UsageMessageTests
{
    [Theory]
    [InlineData(new[] { "nosuchcmd" }, "telc: unknown command 'nosuchcmd'\nRun 'telc --help' for usage.\n")]
    [InlineData(new[] { "validat" }, "telc: unknown command 'validat' (did you mean 'validate'?)\nRun 'telc --help' for usage.\n")]
    [InlineData(new[] { "validate", "--no-such-option" }, "telc: unknown option '--no-such-option'\nRun 'telc validate --help' for usage.\n")]
    [InlineData(new[] { "validate", "--formt", "json" }, "telc: unknown option '--formt' (did you mean '--format'?)\nRun 'telc validate --help' for usage.\n")]
    [InlineData(new[] { "validate", "a", "b" }, "telc: unexpected argument 'b'\nRun 'telc validate --help' for usage.\n")]
    [InlineData(new[] { "valid\u001b[31mate" }, "telc: unknown command 'valid\\u001B[31mate'\nRun 'telc --help' for usage.\n")]
    [InlineData(new[] { "validate", "no\u001b]0;such" }, "telc: spec folder 'no\\u001B]0;such' does not exist\n")]
    public void Mistakes_are_named_once(string[] args, string expected)
    {
        var result = CliRunner.Run(RepoPaths.Root, args);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(expected, result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void No_command_lists_the_commands()
    {
        var result = CliRunner.Run(RepoPaths.Root);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("telc: say what to do: validate, render, ", result.Error);
    }

    [Fact]
    public void Render_with_json_prints_only_json_on_stdout()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "-o", Path.Combine(folder.Path, "out"), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Contains("rendered 34 files for 1 cluster", result.Error);
    }

    [Fact]
    public void A_stale_check_of_another_folder_advises_rendering_into_that_folder()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "out");
        Assert.Equal(0, CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "-o", output).ExitCode);
        File.Delete(Path.Combine(output, "clusters", "prod-eu-1", "namespace.yaml"));

        var result = CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "--check", "-o", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"run 'telc render examples/quickstart -o {output}' and commit the result", result.Output);
    }
}
