using System.Text.Json;
using Telc.Tests.Support;

namespace Telc.Tests.Diff;

public sealed class DiffCommandTests
{
    [Fact]
    public void Summarises_a_pull_request_in_telemetry_terms_with_risk()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();
        var head = repo.Commit("head");

        var result = CliRunner.Run(repo.Path, "diff", repo.Base, head);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("HIGH   retention metrics (prometheus-metrics): time 30d → 15d, older data is deleted", result.Output);
        Assert.Contains("HIGH   alert PaymentsLatencyHigh (payments-api): removed (warning): it will no longer fire", result.Output);
        Assert.Contains("MEDIUM alert PaymentsHighErrorRate (payments-api): threshold 0.05 → 0.1", result.Output);
        Assert.Contains("3 changes in 1 cluster (2 high, 1 medium, 0 low risk), 2 objects changed", result.Output);
    }

    [Fact]
    public void Shows_changes_inside_embedded_config_files_by_their_own_structure()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();

        var result = CliRunner.Run(repo.Path, "diff", repo.Base);

        Assert.Contains("~ ConfigMap telemetry/prometheus-metrics-rules", result.Output);
        Assert.Contains("data[\"payments-api.yaml\"] › groups[name=payments-api].rules[alert=PaymentsHighErrorRate].expr", result.Output);
        Assert.Contains("- data[\"payments-api.yaml\"] › groups[name=payments-api].rules[alert=PaymentsLatencyHigh]", result.Output);
        Assert.Contains("+ spec.template.spec.containers[name=prometheus].args[]: --storage.tsdb.retention.time=15d", result.Output);
        Assert.DoesNotContain("rules[record=", result.Output);
    }

    [Fact]
    public void Exit_code_option_returns_2_only_when_something_differs()
    {
        using var repo = new ScenarioRepository();
        Assert.Equal(0, CliRunner.Run(repo.Path, "diff", repo.Base, "--exit-code").ExitCode);

        repo.ChangeThreshold();
        Assert.Equal(2, CliRunner.Run(repo.Path, "diff", repo.Base, "--exit-code").ExitCode);
        Assert.Equal(0, CliRunner.Run(repo.Path, "diff", repo.Base).ExitCode);
    }

    [Fact]
    public void Moving_spec_lines_changes_nothing_a_cluster_would_see()
    {
        using var repo = new ScenarioRepository();
        repo.Edit(ScenarioRepository.AlertsFile, text => "# owned by payments\n\n" + text);

        var result = CliRunner.Run(repo.Path, "diff", repo.Base, "--exit-code");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no changes: both sides render the same manifests", result.Output);
    }

    [Fact]
    public void Line_endings_of_the_spec_change_nothing_a_cluster_would_see()
    {
        using var repo = new ScenarioRepository();
        repo.Edit(ScenarioRepository.AlertsFile, text => text.ReplaceLineEndings("\r\n"));
        repo.Edit("telemetry/backends.yaml", text => text.ReplaceLineEndings("\r\n"));

        var result = CliRunner.Run(repo.Path, "diff", repo.Base, "--exit-code");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void A_side_that_does_not_compile_shows_both_sides_diagnostics_and_exits_1()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();
        repo.AddBrokenQuery();

        var result = CliRunner.Run(repo.Path, "diff", repo.Base, "--exit-code");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("working tree: does not compile", result.Output);
        Assert.Contains($"{repo.BrokenQueryLine}:", result.Output);
        Assert.Contains("error TELC300", result.Output);
        Assert.Contains(": compiles", result.Output);
        Assert.Contains("cannot compare: working tree does not compile", result.Output);
        Assert.Contains("a side does not compile", result.Error);
    }

    [Fact]
    public void Outputs_say_unknown_when_a_side_does_not_compile()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();
        repo.AddBrokenQuery();
        var outputs = Path.Combine(repo.Path, "outputs.txt");

        CliRunner.Run(repo.Path, "diff", repo.Base, "--outputs", outputs);

        Assert.Equal("changed=unknown\nchanged-clusters=unknown\nhigh-risk=unknown\nmedium-risk=unknown\nlow-risk=unknown\nbase-status=ok\nhead-status=failed\n",
            File.ReadAllText(outputs));
    }

    [Fact]
    public void Json_gives_sides_summary_and_field_changes()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();

        var result = CliRunner.Run(repo.Path, "diff", repo.Base, "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("ok", root.GetProperty("head").GetProperty("status").GetString());
        Assert.Equal(2, root.GetProperty("summary").GetProperty("high").GetInt32());
        Assert.Equal("prod-eu-1", root.GetProperty("summary").GetProperty("changedClusters")[0].GetString());
        var cluster = root.GetProperty("clusters").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "prod-eu-1");
        var threshold = cluster.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("subject").GetString()!.StartsWith("PaymentsHighErrorRate", StringComparison.Ordinal));
        Assert.Equal("medium", threshold.GetProperty("risk").GetString());
        Assert.Equal("alert", threshold.GetProperty("area").GetString());
        var statefulSet = cluster.GetProperty("objects").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "StatefulSet");
        Assert.Contains(statefulSet.GetProperty("fields").EnumerateArray(), f => f.GetProperty("after").GetString() == "--storage.tsdb.retention.time=15d");
    }

    [Fact]
    public void Markdown_fits_a_pull_request_comment()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();

        var result = CliRunner.Run(repo.Path, "diff", repo.Base, "--format", "markdown");

        Assert.StartsWith("### telc diff: 3 changes in 1 cluster", result.Output);
        Assert.Contains("<details open><summary><b>prod-eu-1</b> — 2 high, 1 medium, 2 objects</summary>", result.Output);
        Assert.Contains("| **high** | alert `PaymentsLatencyHigh (payments-api)` | removed (warning): it will no longer fire |", result.Output);
        Assert.Contains("```diff", result.Output);
        Assert.DoesNotContain("\u001b[", result.Output);
    }

    [Fact]
    public void Default_base_is_the_merge_base_with_the_default_branch()
    {
        using var repo = new ScenarioRepository();
        GitRepo.Git(repo.Path, "checkout", "-q", "-b", "feature");
        repo.ChangeThreshold();
        var feature = repo.Commit("feature");
        GitRepo.Git(repo.Path, "checkout", "-q", "main");
        repo.ShortenRetention();
        repo.Commit("main moved on");
        GitRepo.Git(repo.Path, "checkout", "-q", "feature");

        var result = CliRunner.Run(repo.Path, "diff");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"merge base with main ({repo.Base[..7]}", result.Output);
        Assert.Contains("threshold 0.05 → 0.1", result.Output);
        Assert.DoesNotContain("retention", result.Output);
        Assert.Contains(feature[..7], CliRunner.Run(repo.Path, "diff", "main", "feature").Output);
    }

    [Fact]
    public void A_base_from_before_the_spec_existed_shows_everything_as_added()
    {
        using var repo = new ScenarioRepository();
        GitRepo.Git(repo.Path, "checkout", "-q", "--orphan", "empty");
        GitRepo.Git(repo.Path, "rm", "-rq", "--cached", ".");
        GitRepo.Git(repo.Path, "commit", "-q", "--allow-empty", "-m", "nothing yet");
        var empty = GitRepo.Output(repo.Path, "rev-parse", "HEAD").Trim();
        GitRepo.Git(repo.Path, "checkout", "-q", "-f", "main");

        var result = CliRunner.Run(repo.Path, "diff", empty, "main", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("missing", json.RootElement.GetProperty("base").GetProperty("status").GetString());
        var cluster = json.RootElement.GetProperty("clusters").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "prod-eu-1");
        Assert.Contains(cluster.GetProperty("changes").EnumerateArray(), c => c.GetProperty("area").GetString() == "cluster" && c.GetProperty("change").GetString() == "added");
        Assert.All(cluster.GetProperty("objects").EnumerateArray(), o => Assert.Equal("added", o.GetProperty("change").GetString()));
    }

    [Fact]
    public void Report_and_outputs_files_serve_github_actions()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();
        var outputs = Path.Combine(repo.Path, "outputs.txt");
        File.WriteAllText(outputs, "earlier=1\n");

        var result = CliRunner.Run(repo.Path, "diff", repo.Base, "--format", "markdown", "--report", "report.md", "--outputs", outputs);

        Assert.Equal("3 changes in 1 cluster (2 high, 1 medium, 0 low risk), 2 objects changed\n", result.Output);
        Assert.StartsWith("### telc diff", File.ReadAllText(Path.Combine(repo.Path, "report.md")));
        Assert.Equal("earlier=1\nchanged=true\nchanged-clusters=prod-eu-1\nhigh-risk=2\nmedium-risk=1\nlow-risk=0\nbase-status=ok\nhead-status=ok\n", File.ReadAllText(outputs));
    }

    [Theory]
    [InlineData("no-such-ref", "git ref 'no-such-ref' does not name a commit")]
    public void A_bad_ref_is_a_usage_error(string reference, string message)
    {
        using var repo = new ScenarioRepository();

        var result = CliRunner.Run(repo.Path, "diff", reference);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Theory]
    [InlineData("--report", "no-such-folder/report.md", "--report 'no-such-folder/report.md': the folder 'no-such-folder' does not exist")]
    [InlineData("--outputs", "telemetry", "--outputs 'telemetry' is a folder; give a file name")]
    public void A_report_or_outputs_file_that_cannot_be_written_is_a_usage_error_before_any_work(string option, string path, string message)
    {
        using var repo = new ScenarioRepository();

        var diff = CliRunner.Run(repo.Path, "diff", repo.Base, option, path);
        var validate = CliRunner.Run(repo.Path, "validate", option, path);

        Assert.Equal((3, 3), (diff.ExitCode, validate.ExitCode));
        Assert.Contains(message, diff.Error);
        Assert.Contains(message, validate.Error);
        Assert.Equal(string.Empty, diff.Output);
    }

    [Fact]
    public void Outside_git_it_says_so()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run(folder.Path, "diff", "main");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("run it inside a git repository", result.Error);
    }

    [Fact]
    public void The_output_is_the_same_byte_for_byte_on_every_run()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();

        var first = CliRunner.Run(repo.Path, "diff", repo.Base, "--format", "json").Output;
        var second = CliRunner.Run(repo.Path, "diff", repo.Base, "--format", "json").Output;

        Assert.Equal(first, second);
    }
}
