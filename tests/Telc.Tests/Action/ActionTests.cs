using System.Text.Json;
using Telc.Tests.Support;

namespace Telc.Tests.Action;

/// <summary>
/// The steps of action.yml run by <see cref="CompositeActionRunner"/> on a throwaway repository whose pull request
/// changes a threshold, shortens retention, removes an alert and (in the first run) adds a broken query.
/// </summary>
public sealed class ActionTests
{
    private static readonly string Telc = Path.Combine(AppContext.BaseDirectory, "telc");

    private static ActionRun RunAction(
        ScenarioRepository repo, Dictionary<string, string>? inputs = null, IReadOnlyDictionary<string, string>? environment = null, string? baseSha = null)
    {
        var runnerTemp = Path.Combine(repo.Path, "..", Path.GetFileName(repo.Path) + "-runner");
        Directory.CreateDirectory(runnerTemp);
        var given = new Dictionary<string, string>(inputs ?? [], StringComparer.Ordinal);
        given.TryAdd("telc", Telc);
        var pullRequest = JsonSerializer.Serialize(new { pull_request = new { number = 7, @base = new { sha = baseSha ?? repo.Base } } });
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/tmp",
            ["TELC_CACHE_DIR"] = PolicyCacheHolder.Folder,
            ["GITHUB_REPOSITORY"] = GitHubApiStub.Repository,
            ["GITHUB_EVENT_NAME"] = "pull_request",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { } dotnetRoot)
        {
            env["DOTNET_ROOT"] = dotnetRoot;
        }

        return new CompositeActionRunner(repo.Path, runnerTemp).Run(given, pullRequest, env);
    }

    [Fact]
    public void A_broken_query_is_annotated_at_its_line_and_fails_the_job()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();
        repo.AddBrokenQuery();
        repo.Commit("head with a broken query");

        var run = RunAction(repo);

        Assert.True(run.Failed, run.Log);
        Assert.Contains(run.Annotations, a => a.StartsWith($"::error file={ScenarioRepository.AlertsFile},line={repo.BrokenQueryLine},", StringComparison.Ordinal) && a.Contains("TELC300", StringComparison.Ordinal));
        Assert.Equal("1", run.Outputs["errors"]);
        Assert.Equal("0", run.Outputs["warnings"]);
        Assert.Contains("::error title=telc::failing because of", run.Log);
        Assert.Contains("Validation of the head: **1 error**, 0 warnings", run.Summary);
        Assert.Contains("cannot compare: working tree does not compile", run.Summary);
        Assert.Contains("TELC300", run.Summary);
        Assert.Equal("unknown", run.Outputs["changed-clusters"]);
        Assert.Equal("unknown", run.Outputs["high-risk"]);
    }

    [Fact]
    public void A_clean_pull_request_gets_the_summary_and_outputs_and_passes()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();
        repo.Commit("head");

        var run = RunAction(repo);

        Assert.False(run.Failed, run.Log);
        Assert.Equal("0", run.Outputs["errors"]);
        Assert.Equal("true", run.Outputs["changed"]);
        Assert.Equal("prod-eu-1", run.Outputs["changed-clusters"]);
        Assert.Equal("2", run.Outputs["high-risk"]);
        Assert.Equal(string.Empty, run.Outputs["stale"]);
        Assert.True(File.Exists(run.Outputs["report"]));
        Assert.Contains("| **high** | retention `metrics (prometheus-metrics)` | time 30d → 15d, older data is deleted |", run.Summary);
        Assert.Contains("| **high** | alert `PaymentsLatencyHigh (payments-api)` | removed (warning): it will no longer fire |", run.Summary);
        Assert.Contains("| medium | alert `PaymentsHighErrorRate (payments-api)` | threshold 0.05 → 0.1 |", run.Summary);
        Assert.Contains($"`{repo.Base[..7]}` → `working tree`", run.Summary);
        Assert.Contains(run.Steps, s => s.Skipped && s.Name == "Set up .NET (actions/setup-dotnet@v4, simulated)");
    }

    [Fact]
    public void Fail_on_high_risk_fails_on_a_pager_route_or_retention_loss()
    {
        using var repo = new ScenarioRepository();
        repo.ShortenRetention();
        repo.Commit("shorter retention in prod");

        var run = RunAction(repo, new() { ["fail-on"] = "high-risk" });

        Assert.True(run.Failed, run.Log);
        Assert.Contains("::error title=telc::failing because of 1 high-risk change", run.Log);
        Assert.False(RunAction(repo, new() { ["fail-on"] = "error" }).Failed);
    }

    [Fact]
    public void Stale_committed_manifests_are_an_output_and_a_failure()
    {
        using var repo = new ScenarioRepository();
        Assert.Equal(0, CliRunner.Run(repo.Path, "render").ExitCode);
        repo.Commit("rendered manifests committed");
        repo.ChangeThreshold();
        repo.Commit("threshold changed without rendering");

        var run = RunAction(repo, new() { ["check-rendered"] = "true" });

        Assert.True(run.Failed, run.Log);
        Assert.Equal("true", run.Outputs["stale"]);
        Assert.Contains("**The committed rendered manifests are stale**", run.Summary);

        Assert.Equal(0, CliRunner.Run(repo.Path, "render").ExitCode);
        repo.Commit("rendered again");
        var fresh = RunAction(repo, new() { ["check-rendered"] = "true" });
        Assert.False(fresh.Failed, fresh.Log);
        Assert.Equal("false", fresh.Outputs["stale"]);
    }

    [Fact]
    public void Sarif_is_written_when_asked()
    {
        using var repo = new ScenarioRepository();
        repo.AddBrokenQuery();
        repo.Commit("broken");

        var sarif = Path.Combine(repo.Path, "..", Path.GetFileName(repo.Path) + "-telc.sarif");
        RunAction(repo, new() { ["sarif"] = sarif });

        using var json = JsonDocument.Parse(File.ReadAllText(sarif));
        var result = json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "TELC300");
        Assert.Equal(repo.BrokenQueryLine, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Policies_come_from_the_base_so_a_pull_request_cannot_drop_them()
    {
        using var repo = new ScenarioRepository();
        var policy = Path.Combine(repo.Path, "policies", "no-critical-alerts", "no-critical-alerts.csx");
        Directory.CreateDirectory(Path.GetDirectoryName(policy)!);
        File.WriteAllText(policy, """
            public sealed class NoCriticalAlerts : Policy
            {
                public override PolicyInfo Info { get; } = new("no-critical-alerts", "No critical alerts", "alerting", PolicyLevel.Error, "Use warning.");

                public override IEnumerable<PolicyFinding> Check(PolicyContext context)
                {
                    foreach (var alert in context.Alerts)
                    {
                        if (alert.Rule.Severity == "critical")
                        {
                            yield return context.Finding(alert, "critical alerts are not allowed here", "use severity warning");
                        }
                    }
                }
            }
            """);
        var baseWithPolicy = repo.Commit("policy");
        Directory.Delete(Path.GetDirectoryName(policy)!, recursive: true);
        repo.Commit("drop the policy in the pull request");

        var run = RunAction(repo, new() { ["base"] = baseWithPolicy });

        Assert.True(run.Failed, run.Log);
        Assert.Contains(run.Annotations, a => a.Contains("no-critical-alerts", StringComparison.Ordinal));
    }

    [Fact]
    public void The_pull_request_comment_is_posted_once_and_updated_on_reruns()
    {
        using var api = new GitHubApiStub();
        using var repo = new ScenarioRepository();
        repo.ChangeThreshold();
        repo.Commit("threshold");
        var environment = new Dictionary<string, string> { ["GITHUB_API_URL"] = api.Url };

        var first = RunAction(repo, new() { ["comment"] = "true" }, environment);
        repo.ShortenRetention();
        repo.Commit("retention too");
        var second = RunAction(repo, new() { ["comment"] = "true" }, environment);

        Assert.False(first.Failed, first.Log);
        Assert.False(second.Failed, second.Log);
        var comment = Assert.Single(api.Comments);
        Assert.Equal(7, comment.Issue);
        Assert.Contains("time 30d → 15d", comment.Body);
        Assert.Contains("threshold 0.05 → 0.1", comment.Body);
        Assert.Contains(api.Requests, r => r.Method == "POST");
        Assert.Contains(api.Requests, r => r.Method == "PATCH");
        Assert.All(api.Requests, r => Assert.Equal("Bearer simulated-token", r.Headers["Authorization"]));
        Assert.Contains("posted comment", first.Log);
        Assert.Contains("updated comment", second.Log);
    }

    [Fact]
    public void A_refused_comment_is_a_warning_not_a_lost_report()
    {
        using var api = new GitHubApiStub { Failure = (403, "Resource not accessible by integration") };
        using var repo = new ScenarioRepository();
        repo.ChangeThreshold();
        repo.Commit("threshold");

        var run = RunAction(repo, new() { ["comment"] = "true" }, new Dictionary<string, string> { ["GITHUB_API_URL"] = api.Url });

        Assert.False(run.Failed, run.Log);
        Assert.Contains("::warning title=telc::the pull-request comment could not be posted", run.Log);
        Assert.Contains("pull-requests: write", run.Log);
        Assert.Contains("threshold 0.05 → 0.1", run.Summary);
    }

    [Fact]
    public void A_base_commit_missing_from_the_clone_still_validates_the_head_and_fails_saying_why()
    {
        using var repo = new ScenarioRepository();
        repo.AddBrokenQuery();
        repo.Commit("broken");

        var run = RunAction(repo, baseSha: new string('1', 40));

        Assert.True(run.Failed, run.Log);
        Assert.Equal("1", run.Outputs["errors"]);
        Assert.Contains(run.Annotations, a => a.Contains("TELC300", StringComparison.Ordinal));
        Assert.Contains("is not in this clone", run.Log);
        Assert.Contains("not run, the base commit", run.Summary);
        Assert.Contains("failing because of the base commit is not in the clone, 1 error", run.Log);
    }

    [Fact]
    public void A_pull_request_that_fixes_a_broken_base_passes_with_a_warning()
    {
        using var repo = new ScenarioRepository();
        var alerts = Path.Combine(repo.Path, ScenarioRepository.AlertsFile);
        var working = File.ReadAllText(alerts);
        repo.AddBrokenQuery();
        var broken = repo.Commit("broken on main");
        File.WriteAllText(alerts, working);
        repo.Commit("fixed");

        var run = RunAction(repo, baseSha: broken);

        Assert.False(run.Failed, run.Log);
        Assert.Equal("0", run.Outputs["errors"]);
        Assert.Contains("::warning title=telc::the base does not compile with this telc", run.Log);
    }

    [Fact]
    public void A_spec_path_that_does_not_exist_is_reported_as_such()
    {
        using var repo = new ScenarioRepository();
        repo.ChangeThreshold();
        repo.Commit("threshold");

        var run = RunAction(repo, new() { ["path"] = "infra" });

        Assert.True(run.Failed, run.Log);
        Assert.Contains("### telc diff could not run (exit 3)", run.Summary);
        Assert.Contains("does not exist", run.Summary);
        Assert.DoesNotContain("does not compile", run.Log);
    }
}
