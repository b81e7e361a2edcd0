using Telc.Cli;

namespace Telc.Tests.Support;

/// <summary>Runs the CLI in-process with captured output.</summary>
public static class CliRunner
{
    public static CliResult Run(string workingDirectory, params string[] args) => RunWith(workingDirectory, null, args);

    public static CliResult RunWith(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunWithInput(workingDirectory, environment, string.Empty, args);

    private static IReadOnlyDictionary<string, string> WithPolicyCache(IReadOnlyDictionary<string, string>? environment)
    {
        var merged = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        merged.TryAdd("TELC_CACHE_DIR", PolicyCacheHolder.Folder);
        return merged;
    }

    public static CliResult RunWithInput(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string input, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(output, error, workingDirectory, Color: false, WithPolicyCache(environment), new StringReader(input));
        var exitCode = TelcApp.RunAsync(args, context).GetAwaiter().GetResult();
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>Test runs share one cache of compiled policies, so that only the first validate compiles them.</summary>
public static class PolicyCacheHolder
{
    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "telc-tests", "policy-cache");
}

public sealed record CliResult(int ExitCode, string Output, string Error);
