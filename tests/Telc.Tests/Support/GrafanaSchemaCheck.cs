namespace Telc.Tests.Support;

/// <summary>What Grafana's published dashboard types say about one dashboard JSON file: nothing, or its problems.</summary>
public sealed record DashboardTypeCheck(string File, IReadOnlyList<string> Problems)
{
    public bool TypeChecks => Problems.Count == 0;
}

/// <summary>
/// Grafana's own TypeScript types for a dashboard (npm @grafana/schema, tests/tools/grafana) as an oracle: one node
/// process type-checks every file given. Skipped with the reason when the tool is not installed, unless
/// TELC_TOOLS_REQUIRED=1, where that fails.
/// </summary>
public static class GrafanaSchemaCheck
{
    public static string Script => RepoPaths.Combine("tests", "tools", "grafana", "check-dashboard.js");

    public static void Require() => ExternalTools.RequireNodeTool("grafana",
        "Grafana's dashboard types are not installed (run: cd tests/tools/grafana && npm install --no-package-lock)");

    public static IReadOnlyList<DashboardTypeCheck> Check(IReadOnlyList<string> files)
    {
        Require();
        using var folder = new TempFolder();
        var list = folder.Write("dashboards.txt", string.Join('\n', files) + "\n");
        var (exitCode, output) = ExternalTools.Run("node", Script, "--list", list);
        Assert.True(exitCode is 0 or 1, $"check-dashboard.js failed (exit {exitCode}):\n{output}");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. files.Select(file =>
        {
            var own = lines.Where(l => l.StartsWith(file + ":", StringComparison.Ordinal)).ToArray();
            Assert.True(own.Length > 0, $"check-dashboard.js said nothing about {file}:\n{output}");
            return new DashboardTypeCheck(file, [.. own.Where(l => l != file + ": ok").Select(l => l[(file.Length + 1)..])]);
        })];
    }

    /// <summary>The verdict on dashboards given as JSON text, in the order given.</summary>
    public static IReadOnlyList<DashboardTypeCheck> CheckTexts(IReadOnlyList<string> dashboards)
    {
        Require();
        using var folder = new TempFolder();
        var files = dashboards.Select((json, i) => folder.Write($"dashboard{i}.json", json)).ToArray();
        return Check(files);
    }
}
