using System.Text.Json;
using Telc.Tests.Support;

namespace Telc.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Fact]
    public void Quickstart_validates_clean_with_exit_code_0()
    {
        var result = CliRunner.Run(RepoPaths.Root, "validate", "examples/quickstart");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("0 errors, 0 warnings, 1 info in 9 files (11 documents)\n", result.Output);
    }

    [Fact]
    public void Problems_give_exit_code_1()
    {
        using var folder = new TempFolder();
        folder.Write("telemetry/c.yaml", Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec: { environment: prd }\n");

        var result = CliRunner.Run(folder.Path, "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("telemetry/c.yaml", result.Output);
        Assert.Contains("4:22 error TELC204", result.Output);
    }

    [Fact]
    public void Warnings_pass_unless_fail_on_warning()
    {
        using var folder = new TempFolder();
        folder.Write("spec/c.yaml", Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec: { environment: dev }\n");
        folder.Write("spec/empty.yaml", "# nothing yet\n");

        Assert.Equal(0, CliRunner.Run(folder.Path, "validate", "spec").ExitCode);
        Assert.Equal(1, CliRunner.Run(folder.Path, "validate", "spec", "--fail-on", "warning").ExitCode);
    }

    [Fact]
    public void No_documents_is_an_error_never_a_silent_pass()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "spec"));
        folder.Write("spec/readme.md", "# not yaml");

        var result = CliRunner.Run(folder.Path, "validate", "spec");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TELC100", result.Output);
    }

    [Theory]
    [InlineData("validate", "--format", "xml")]
    [InlineData("validate", "--no-such-option")]
    [InlineData("frobnicate")]
    [InlineData("validate", "does/not/exist")]
    [InlineData("validate", "examples/quickstart", "--ref", "no-such-ref-anywhere")]
    [InlineData("schema", "--kind", "Clustr")]
    public void Usage_errors_give_exit_code_3(params string[] args)
    {
        var result = CliRunner.Run(RepoPaths.Root, args);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("telc: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Default_path_without_a_telemetry_folder_is_a_usage_error()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run(folder.Path, "validate");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no 'telemetry' folder", result.Error);
    }

    [Fact]
    public void Validates_a_git_ref_in_a_dirty_tree()
    {
        using var repo = new TempFolder();
        GitRepo.Git(repo.Path, "init", "-q", "-b", "main");
        repo.Write("telemetry/c.yaml", Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec: { environment: dev }\n");
        GitRepo.Git(repo.Path, "add", "-A");
        GitRepo.Git(repo.Path, "commit", "-q", "-m", "base");
        repo.Write("telemetry/c.yaml", "broken: [\n");

        Assert.Equal(0, CliRunner.Run(repo.Path, "validate", "--ref", "main").ExitCode);
        Assert.Equal(1, CliRunner.Run(repo.Path, "validate").ExitCode);
    }

    [Fact]
    public void Json_output_has_the_documented_shape()
    {
        var result = CliRunner.Run(RepoPaths.Root, "validate", "examples/invalid/dangling-references", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("telc", root.GetProperty("tool").GetProperty("name").GetString());
        Assert.True(root.GetProperty("summary").GetProperty("errors").GetInt32() > 0);
        var first = root.GetProperty("diagnostics")[0];
        foreach (var field in new[] { "code", "level", "title", "message", "hint", "file", "line", "column", "endLine", "endColumn", "helpUri" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public void Github_output_is_workflow_commands_with_escaped_properties()
    {
        using var folder = new TempFolder();
        folder.Write("spec/a,b.yaml", Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec: { environment: prd }\n");

        var result = CliRunner.Run(folder.Path, "validate", "spec", "--format", "github");

        var line = result.Output.Split('\n')[0];
        Assert.StartsWith("::error file=spec/a%2Cb.yaml,line=4,col=22,endLine=4,endColumn=25,title=TELC204 Unknown environment::environment 'prd' is not declared (the default environments are dev, stage, prod)%0Ahint: did you mean 'prod'?", line);
    }

    [Fact]
    public void Github_paths_are_relative_to_the_workspace_whatever_the_working_directory()
    {
        var environment = new Dictionary<string, string> { ["GITHUB_WORKSPACE"] = RepoPaths.Root };

        var result = CliRunner.RunWith(RepoPaths.Combine("examples"), environment, "validate", "invalid/dangling-references", "--format", "github");

        Assert.Contains("::error file=examples/invalid/dangling-references/telemetry/", result.Output);
    }

    [Fact]
    public void Github_findings_without_a_file_have_no_file_property()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "spec"));

        var result = CliRunner.Run(folder.Path, "validate", "spec", "--format", "github");

        Assert.StartsWith("::error title=TELC100 No spec documents found::no *.yaml or *.yml files", result.Output);
    }

    [Fact]
    public void Sarif_output_is_sarif_2_1_0_with_rules_and_regions()
    {
        var result = CliRunner.Run(RepoPaths.Root, "validate", "examples/invalid/dangling-references", "--format", "sarif");

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = root.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var results = run.GetProperty("results");
        Assert.True(results.GetArrayLength() > 0);
        foreach (var item in results.EnumerateArray())
        {
            var index = item.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(rules[index].GetProperty("id").GetString(), item.GetProperty("ruleId").GetString());
            var location = item.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.StartsWith("examples/invalid/", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() > 0);
        }
    }

    [Fact]
    public void Report_option_writes_the_report_to_a_file_and_a_summary_to_the_console()
    {
        using var folder = new TempFolder();
        var report = Path.Combine(folder.Path, "out.sarif");

        var result = CliRunner.Run(RepoPaths.Root, "validate", "examples/quickstart", "--format", "sarif", "--report", report);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"version\": \"2.1.0\"", File.ReadAllText(report));
        Assert.StartsWith("0 errors, 0 warnings", result.Output);
    }

    [Fact]
    public void Output_is_identical_across_runs()
    {
        var first = CliRunner.Run(RepoPaths.Root, "validate", "examples/invalid/dangling-references", "--format", "json");
        var second = CliRunner.Run(RepoPaths.Root, "validate", "examples/invalid/dangling-references", "--format", "json");

        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public void Help_exits_0()
    {
        var result = CliRunner.Run(RepoPaths.Root, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("validate", result.Output);
    }
}
