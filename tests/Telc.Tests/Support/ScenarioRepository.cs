namespace Telc.Tests.Support;

/// <summary>
/// A throwaway git repository holding the quickstart spec plus a second alert and 30 days of retention, committed as the base, with the edits a
/// telemetry pull request makes: a threshold changed, retention shortened, an alert removed, a broken query added.
/// </summary>
public sealed class ScenarioRepository : IDisposable
{
    public const string AlertsFile = "telemetry/teams/payments/alerts.yaml";
    private const string LatencyAlert = """
            - alert: PaymentsLatencyHigh
              expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="payments"}[5m]))) > 0.5
              for: 15m
              severity: warning
              runbook: https://runbooks.acme.example/payments/latency

        """;

    private readonly TempFolder folder = new();

    public ScenarioRepository()
    {
        CopyFolder(RepoPaths.Combine("examples", "quickstart", "telemetry"), System.IO.Path.Combine(Path, "telemetry"));
        Edit(AlertsFile, text => text.Replace("    - record:", LatencyAlert + "    - record:", StringComparison.Ordinal));
        Edit("telemetry/backends.yaml", text => text.Replace("time: 15d", "time: 30d", StringComparison.Ordinal));
        // The routing's own route is the payments team's only way to its pager here, so that editing it is what the routing cases see.
        Edit("telemetry/teams/payments/team.yaml", text => text.Replace("  receivers:\n    default: platform-email\n    critical: payments-oncall\n", string.Empty, StringComparison.Ordinal));
        GitRepo.Git(Path, "init", "-q", "-b", "main");
        Base = Commit("base: quickstart with a latency alert");
    }

    public string Path => folder.Path;

    public string Base { get; }

    public void ChangeThreshold() => Edit(AlertsFile, text => text.Replace("> 0.05", "> 0.1", StringComparison.Ordinal));

    public void ShortenRetention() => Edit("telemetry/backends.yaml", text => text.Replace("time: 30d", "time: 15d", StringComparison.Ordinal));

    public void RemoveLatencyAlert() => Edit(AlertsFile, text => text.Replace(LatencyAlert, string.Empty, StringComparison.Ordinal));

    /// <summary>Adds an alert whose query has an unbalanced parenthesis, on line <see cref="BrokenQueryLine"/>.</summary>
    public void AddBrokenQuery() => Edit(AlertsFile, text => text.Replace("    - record:", """
            - alert: PaymentsBroken
              expr: sum(rate(http_requests_total[5m])) > 1)
              severity: warning
              runbook: https://runbooks.acme.example/payments/broken
        """ + "\n    - record:", StringComparison.Ordinal));

    public int BrokenQueryLine => File.ReadAllLines(System.IO.Path.Combine(Path, AlertsFile)).ToList().FindIndex(l => l.Contains("> 1)", StringComparison.Ordinal)) + 1;

    public void MakeAllChanges()
    {
        ChangeThreshold();
        ShortenRetention();
        RemoveLatencyAlert();
    }

    public string Commit(string message)
    {
        GitRepo.Git(Path, "add", "-A");
        GitRepo.Git(Path, "commit", "-q", "--allow-empty", "-m", message);
        return GitRepo.Output(Path, "rev-parse", "HEAD").Trim();
    }

    public void Edit(string relativePath, Func<string, string> change)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        var before = File.ReadAllText(full);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(full, after);
    }

    public void Dispose() => folder.Dispose();

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
