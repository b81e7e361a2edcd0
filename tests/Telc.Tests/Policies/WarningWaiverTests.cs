using Telc.Tests.Support;

namespace Telc.Tests.Policies;

/// <summary>telc's own warnings are waived like policy findings: a Waiver names the code and the target.</summary>
public sealed class WarningWaiverTests
{
    private static readonly string Spec = Specs.Cluster("dev-1", "dev") + Specs.Backend("metrics", "prometheus") + Specs.Header + """
        kind: AlertGroup
        metadata: { name: api }
        spec:
          rules:
            - alert: ApiErrors
              expr: up{job=~".*"} == 0
              severity: warning
              runbook: https://runbooks.example/api
              for: 5m
        """;

    private static string Waiver(string name, string code, string target) => Specs.Header + $$"""
        kind: Waiver
        metadata: { name: {{name}} }
        spec:
          policy: {{code}}
          target: {{target}}
          owner: platform@example.com
          reason: accepted while the API is rebuilt
          ticket: OPS-7
          expires: 2099-12-31
        """;

    private static CliResult Validate(params string[] waivers)
    {
        using var folder = new TempFolder();
        folder.Write("telemetry/spec.yaml", Spec);
        for (var i = 0; i < waivers.Length; i++)
        {
            folder.Write($"telemetry/waiver-{i}.yaml", waivers[i]);
        }

        return CliRunner.Run(folder.Path, "validate", ".", "--fail-on", "warning");
    }

    [Fact]
    public void The_warnings_are_reported_without_waivers()
    {
        var result = Validate();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("warning TELC217: the alerts of Prometheus 'metrics' reach no Alertmanager in cluster 'dev-1'", result.Output);
        Assert.Contains("warning TELC305", result.Output);
    }

    [Fact]
    public void A_document_level_and_a_rule_level_warning_are_waived_by_code_and_target()
    {
        var result = Validate(Waiver("no-alertmanager", "TELC217", "Backend/metrics"), Waiver("sum-rate", "TELC305", "AlertGroup/api/ApiErrors"));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("warning TELC", result.Output);
        Assert.Contains("TELC217 Backend/metrics", result.Output);
        Assert.Contains("TELC305 AlertGroup/api/ApiErrors", result.Output);
    }

    [Fact]
    public void A_waiver_for_another_target_waives_nothing_and_is_unused()
    {
        var result = Validate(Waiver("wrong", "TELC305", "AlertGroup/api/Other"));

        Assert.Contains("warning TELC305", result.Output);
        Assert.Contains("warning TELC407: Waiver 'wrong' of TELC305 for AlertGroup/api/Other matches no finding", result.Output);
    }
}
