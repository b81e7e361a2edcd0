using System.Text.Json;
using Telc.Tests.Support;

namespace Telc.Tests.Policies;

/// <summary>
/// tests/cases/waivers: one waiver in force (ApiDown), one expired (ApiSlow), one matching nothing. Every format
/// lists what was waived; the expired one is an error and waives nothing.
/// </summary>
public sealed class WaiverTests
{
    private const string Case = "tests/cases/waivers";

    [Fact]
    public void Text_lists_the_waived_finding_and_reports_expired_and_unused_waivers()
    {
        var result = CliRunner.Run(RepoPaths.Root, "validate", Case);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("15:14 warning alert-has-runbook: alert 'ApiSlow' has no runbook", result.Output);
        Assert.DoesNotContain("11:14 warning alert-has-runbook", result.Output);
        Assert.Contains("40:12 error TELC406: Waiver 'api-slow-runbook' of alert-has-runbook for AlertGroup/api/ApiSlow expired on 2020-01-31", result.Output);
        Assert.Contains("44:19 warning TELC407: Waiver 'old-severity' of alert-severity-known for AlertGroup/api/ApiGone matches no finding", result.Output);
        Assert.Contains("waived\n  tests/cases/waivers/telemetry/spec.yaml:11:14 alert-has-runbook AlertGroup/api/ApiDown: alert 'ApiDown' has no runbook\n"
            + "    = by api-team@example.com until 2099-12-31 (API-101): the runbook is being written\n", result.Output);
        Assert.EndsWith("1 error, 2 warnings, 1 waived in 1 file (5 documents)\n", result.Output);
    }

    [Fact]
    public void Json_counts_and_lists_waived_findings_with_their_waiver()
    {
        var result = CliRunner.Run(RepoPaths.Root, "validate", Case, "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("waived").GetInt32());
        var waived = Assert.Single(json.RootElement.GetProperty("waived").EnumerateArray());
        Assert.Equal("alert-has-runbook", waived.GetProperty("code").GetString());
        Assert.Equal("AlertGroup/api/ApiDown", waived.GetProperty("target").GetString());
        Assert.Equal(11, waived.GetProperty("line").GetInt32());
        Assert.Equal("API-101", waived.GetProperty("waiver").GetProperty("ticket").GetString());
        Assert.Equal(22, waived.GetProperty("waiver").GetProperty("line").GetInt32());
    }

    [Fact]
    public void Sarif_marks_the_waived_finding_as_an_accepted_suppression()
    {
        var result = CliRunner.Run(RepoPaths.Root, "validate", Case, "--format", "sarif");

        using var json = JsonDocument.Parse(result.Output);
        var results = json.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
        var suppressed = Assert.Single(results, r => r.TryGetProperty("suppressions", out _));
        Assert.Equal(11, suppressed.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        var suppression = suppressed.GetProperty("suppressions")[0];
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Equal("accepted", suppression.GetProperty("status").GetString());
        Assert.Contains("API-101", suppression.GetProperty("justification").GetString());
    }

    [Fact]
    public void GitHub_annotations_show_the_waived_finding_as_a_notice()
    {
        var result = CliRunner.Run(RepoPaths.Root, "validate", Case, "--format", "github");

        Assert.Contains("::notice file=tests/cases/waivers/telemetry/spec.yaml,line=11,col=14,title=waived alert-has-runbook::alert 'ApiDown' has no runbook%0Awaived by api-team@example.com until 2099-12-31 (API-101): the runbook is being written\n", result.Output);
        Assert.EndsWith("1 error, 2 warnings, 1 waived in 1 file (5 documents)\n", result.Output);
    }

    [Theory]
    [InlineData("2099-12-31", false)]
    [InlineData("2100-01-01", true)]
    public void A_waiver_holds_through_its_expiry_day(string today, bool expired)
    {
        var result = CliRunner.RunWith(RepoPaths.Root, new Dictionary<string, string> { ["TELC_TODAY"] = today }, "validate", Case);

        Assert.Equal(expired, result.Output.Contains("Waiver 'api-down-runbook' of alert-has-runbook for AlertGroup/api/ApiDown expired on 2099-12-31", StringComparison.Ordinal));
        Assert.Equal(expired, result.Output.Contains("11:14 warning alert-has-runbook", StringComparison.Ordinal));
    }
}
