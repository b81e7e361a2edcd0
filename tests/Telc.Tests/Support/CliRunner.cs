using Telc.Cli;

namespace Telc.Tests.Support;

/// <summary>Runs the CLI in-process with captured output.</summary>
public static class CliRunner
{
    public static CliResult Run(string workingDirectory, params string[] args) => RunWith(workingDirectory, null, args);

    public static CliResult RunWith(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunWithInput(workingDirectory, environment, string.Empty, args);

    public static CliResult RunWithInput(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string input, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, workingDirectory, Color: false, environment, new StringReader(input));
        var exitCode = TelcApp.RunAsync(args, context).GetAwaiter().GetResult();
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Output, string Error);
