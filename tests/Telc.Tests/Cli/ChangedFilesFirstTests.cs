using Telc.Tests.Support;

namespace Telc.Tests.Cli;

/// <summary>GitHub shows 10 annotations per level, so with --changed-since the findings of a pull request's own files come first.</summary>
public sealed class ChangedFilesFirstTests
{
    [Fact]
    public void Findings_in_changed_files_are_annotated_first()
    {
        using var repo = new ScenarioRepository();
        repo.Edit(ScenarioRepository.AlertsFile, text => text.Replace("      runbook: https://runbooks.acme.example/payments/latency\n", string.Empty, StringComparison.Ordinal));
        var baseWithWarning = repo.Commit("an old warning");
        File.WriteAllText(Path.Combine(repo.Path, "telemetry", "teams", "payments", "more.yaml"), """
            apiVersion: telc.io/v1alpha1
            kind: AlertGroup
            metadata:
              name: payments-more
              team: payments
            spec:
              backend: metrics
              rules:
                - alert: PaymentsQueueStuck
                  expr: sum(payments_queue_depth) > 1000
                  for: 10m
                  severity: warning
            """);
        var environment = new Dictionary<string, string> { ["GITHUB_WORKSPACE"] = repo.Path };

        var plain = CliRunner.RunWith(repo.Path, environment, "validate", "--format", "github");
        var changedFirst = CliRunner.RunWith(repo.Path, environment, "validate", "--format", "github", "--changed-since", baseWithWarning);

        string[] Files(string output) => [.. output.Split('\n').Where(l => l.StartsWith("::warning file=", StringComparison.Ordinal)).Select(l => l[15..l.IndexOf(',')])];
        Assert.Equal(["telemetry/teams/payments/alerts.yaml", "telemetry/teams/payments/more.yaml"], Files(plain.Output));
        Assert.Equal(["telemetry/teams/payments/more.yaml", "telemetry/teams/payments/alerts.yaml"], Files(changedFirst.Output));
        Assert.Equal(3, CliRunner.Run(repo.Path, "validate", "--format", "github", "--changed-since", "no-such-ref").ExitCode);
    }
}
