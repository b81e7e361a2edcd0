using System.Diagnostics;

namespace Telc.Tests.Support;

/// <summary>
/// Real tools used as oracles. Where one is missing the test is skipped with the reason, unless
/// TELC_TOOLS_REQUIRED=1 (set by .ci/run, which installs them), where a missing tool fails the test.
/// </summary>
public static class ExternalTools
{
    /// <summary>The first line of each tool's --version, asked once per test run.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Versions = new(StringComparer.Ordinal);

    public static string SarifValidator => RepoPaths.Combine("tests", "tools", "sarif", "validate-sarif.js");

    public static void RequireSarifValidator()
    {
        var installed = Directory.Exists(RepoPaths.Combine("tests", "tools", "sarif", "node_modules")) && Which("node") is not null;
        Require(installed, "the SARIF schema validator is not installed (run: cd tests/tools/sarif && npm install --no-package-lock)");
    }

    public static string LogQLGrammar => RepoPaths.Combine("tests", "tools", "logql", "check-logql.js");

    public static void RequireLogQLGrammar() =>
        Require(Directory.Exists(RepoPaths.Combine("tests", "tools", "logql", "node_modules")) && Which("node") is not null,
            "Grafana's LogQL grammar is not installed (run: cd tests/tools/logql && npm install --no-package-lock)");

    /// <summary>Grafana's Lezer grammar's verdict on each query: null where it parses, else the offset of its first error.</summary>
    public static IReadOnlyList<int?> LogQLGrammarVerdicts(IEnumerable<string> queries)
    {
        RequireLogQLGrammar();
        var input = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(input, queries.Select(q => System.Text.Json.JsonSerializer.Serialize(q)));
            var (exitCode, output) = Run("node", LogQLGrammar, input);
            Assert.True(exitCode == 0, output);
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l == "ok" ? (int?)null : int.Parse(l["error ".Length..], System.Globalization.CultureInfo.InvariantCulture))];
        }
        finally
        {
            File.Delete(input);
        }
    }

    public static string ElasticsearchChecker => RepoPaths.Combine("tests", "tools", "elasticsearch", "check-elasticsearch.js");

    public static void RequireElasticsearchChecker() =>
        Require(Directory.Exists(RepoPaths.Combine("tests", "tools", "elasticsearch", "node_modules")) && Which("node") is not null,
            "the Elasticsearch body checker is not installed (run: cd tests/tools/elasticsearch && npm install --no-package-lock)");

    /// <summary>
    /// The checker's verdict on request bodies, written as files named for their kind (*.ilm.json, *.index-template.json,
    /// *.component-template.json, *.data-view.json): its exit code (0 valid, 1 errors) and what it printed.
    /// </summary>
    public static (int ExitCode, string Output) CheckElasticsearchBodies(IEnumerable<(string File, string Body)> bodies)
    {
        RequireElasticsearchChecker();
        using var folder = new TempFolder();
        foreach (var (file, body) in bodies)
        {
            folder.Write(file, body);
        }

        return Run("node", ElasticsearchChecker, folder.Path);
    }

    /// <summary>A node tool under tests/tools/NAME, installed with npm install there.</summary>
    public static void RequireNodeTool(string name, string reason) =>
        Require(Directory.Exists(RepoPaths.Combine("tests", "tools", name, "node_modules")) && Which("node") is not null, reason);

    public static string ActionValidator => RepoPaths.Combine("tests", "tools", "actions", "node_modules", ".bin", "action-validator");

    public static void RequireActionValidator() =>
        Require(File.Exists(ActionValidator) && Which("node") is not null,
            "the GitHub Actions schema validator is not installed (run: cd tests/tools/actions && npm install --no-package-lock)");

    /// <summary>
    /// promtool, amtool, prometheus and prometheus-alertmanager at the version of the image telc deploys (an older
    /// tool refuses fields the deployed one reads, a newer one accepts what the deployed one refuses), and kubectl.
    /// </summary>
    public static void Require(string program)
    {
        var deployed = program switch
        {
            "promtool" or "prometheus" => Emit.Images.Prometheus,
            "amtool" or "prometheus-alertmanager" => Emit.Images.Alertmanager,
            _ => null,
        };
        if (deployed is null)
        {
            Require(Which(program) is not null, $"{program} is not installed (kubectl for kustomize)");
            return;
        }

        var version = deployed[(deployed.LastIndexOf(":v", StringComparison.Ordinal) + 2)..];
        var installed = Versions.GetOrAdd(program, p => Which(p) is null ? null : Run(p, "--version").Output.Split('\n')[0]);
        Require(installed is not null && System.Text.RegularExpressions.Regex.IsMatch(installed, $@"version {System.Text.RegularExpressions.Regex.Escape(version)}\b"),
            $"{program} {version} (the version telc deploys) is not installed{(installed is null ? string.Empty : $"; found '{installed}'")} (run: tests/tools/prometheus/install)");
    }

    public static (int ExitCode, string Output) Run(string program, params string[] arguments) =>
        Run(TimeSpan.FromMinutes(2), program, arguments);

    public static (int ExitCode, string Output) Run(TimeSpan timeout, string program, params string[] arguments) =>
        RunIn(null, null, timeout, program, arguments);

    /// <summary>Runs a program in a folder with extra environment variables; its standard output, then its standard error.</summary>
    public static (int ExitCode, string Output) RunIn(
        string? directory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (directory is not null)
        {
            info.WorkingDirectory = directory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {timeout.TotalMinutes} minutes");
        }

        return (process.ExitCode, output + error.Result);
    }

    private static void Require(bool available, string reason)
    {
        if (!available && Environment.GetEnvironmentVariable("TELC_TOOLS_REQUIRED") == "1")
        {
            Assert.Fail(reason + " (TELC_TOOLS_REQUIRED=1)");
        }

        Skip.IfNot(available, reason);
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
