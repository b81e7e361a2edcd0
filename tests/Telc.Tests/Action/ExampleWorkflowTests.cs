using System.Text.RegularExpressions;
using Telc.Parsing;
using Telc.Tests.Support;
using Telc.Text;

namespace Telc.Tests.Action;

/// <summary>The example workflows use only what action.yml declares, and the rendered-branch step really publishes.</summary>
public sealed partial class ExampleWorkflowTests
{
    private static readonly string Telc = Path.Combine(AppContext.BaseDirectory, "telc");

    public static TheoryData<string> Workflows => new(Directory.GetFiles(RepoPaths.Combine("examples", "github", "workflows"), "*.yml").Select(Path.GetFileName)!);

    private static YamlMapping Load(params string[] path) =>
        (YamlMapping)YamlParser.Parse(new SourceFile(path[^1], path[^1], File.ReadAllText(RepoPaths.Combine(path)))).Documents.Single().Root;

    private static IEnumerable<YamlMapping> Steps(YamlMapping workflow) =>
        ((YamlMapping)workflow.Find("jobs")!.Value).Entries.SelectMany(job => ((YamlSequence)((YamlMapping)job.Value).Find("steps")!.Value).Items.Cast<YamlMapping>());

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Uses_only_declared_inputs_and_outputs_of_the_action(string file)
    {
        var action = Load("action.yml");
        var inputs = ((YamlMapping)action.Find("inputs")!.Value).Entries.Select(e => e.Key.Value).ToHashSet();
        var outputs = ((YamlMapping)action.Find("outputs")!.Value).Entries.Select(e => e.Key.Value).ToHashSet();
        var workflow = Load("examples", "github", "workflows", file);

        var telcStep = Steps(workflow).Single(s => (s.Find("uses")?.Value as YamlScalar)?.Value.StartsWith("telc-io/telc@", StringComparison.Ordinal) == true);
        Assert.All(((YamlMapping)telcStep.Find("with")!.Value).Entries, e => Assert.Contains(e.Key.Value, inputs));
        var text = File.ReadAllText(RepoPaths.Combine("examples", "github", "workflows", file));
        Assert.All(StepOutput().Matches(text).Select(m => m.Groups[1].Value), o => Assert.Contains(o, outputs));
        Assert.Contains("fetch-depth: 0", text);
    }

    [SkippableTheory]
    [InlineData("action.yml")]
    [InlineData("examples/github/workflows/telc-pull-request.yml")]
    [InlineData("examples/github/workflows/telc-rendered-branch.yml")]
    public void Action_and_workflows_pass_the_schemas_github_publishes(string file)
    {
        ExternalTools.RequireActionValidator();

        var (exitCode, output) = ExternalTools.RunIn(RepoPaths.Root, null, TimeSpan.FromMinutes(1), ExternalTools.ActionValidator, file);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void The_rendered_branch_step_commits_once_per_change_and_never_an_empty_commit()
    {
        using var scenario = new ScenarioRepository();
        using var remote = new TempFolder();
        using var clone = new TempFolder();
        using var home = new TempFolder();
        GitRepo.Git(remote.Path, "init", "-q", "--bare", "-b", "main");
        GitRepo.Git(scenario.Path, "push", "-q", remote.Path, "main");
        GitRepo.Git(clone.Path, "clone", "-q", remote.Path, ".");
        var script = ((YamlScalar)Steps(Load("examples", "github", "workflows", "telc-rendered-branch.yml"))
            .Single(s => (s.Find("name")?.Value as YamlScalar)?.Value == "Commit the rendered manifests").Find("run")!.Value).Value;

        string Run(string sha)
        {
            var runnerTemp = Path.Combine(home.Path, "runner-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(runnerTemp);
            var (exit, output) = ExternalTools.RunIn(clone.Path, new Dictionary<string, string>
            {
                ["TELC"] = Telc, ["SPEC_PATH"] = ".", ["BRANCH"] = "rendered", ["SOURCE_SHA"] = sha,
                ["RUNNER_TEMP"] = runnerTemp, ["HOME"] = home.Path, ["TELC_CACHE_DIR"] = PolicyCacheHolder.Folder,
            }, TimeSpan.FromMinutes(2), "bash", "-eo", "pipefail", "-c", script);
            Assert.True(exit == 0, output);
            return output;
        }

        Run(scenario.Base);
        var first = GitRepo.Output(remote.Path, "log", "--format=%H %s", "rendered").Trim().Split('\n');
        Assert.Equal($"render {scenario.Base}", Assert.Single(first)[41..]);
        var files = GitRepo.Output(remote.Path, "ls-tree", "-r", "--name-only", "rendered").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("manifests/clusters/prod-eu-1/kustomization.yaml", files);
        Assert.All(files, f => Assert.StartsWith("manifests/", f));
        Assert.Contains("path: manifests/clusters/prod-eu-1", GitRepo.Output(remote.Path, "show", "rendered:manifests/argocd/prod-eu-1.yaml"));

        Assert.Contains("the rendered manifests did not change", Run(scenario.Base));
        Assert.Single(GitRepo.Output(remote.Path, "log", "--format=%H", "rendered").Trim().Split('\n'));

        scenario.ChangeThreshold();
        var head = scenario.Commit("threshold");
        GitRepo.Git(scenario.Path, "push", "-q", remote.Path, "main");
        GitRepo.Git(clone.Path, "pull", "-q", "--ff-only");
        Run(head);
        Assert.Equal([$"render {head}", $"render {scenario.Base}"], GitRepo.Output(remote.Path, "log", "--format=%s", "rendered").Trim().Split('\n'));
        Assert.Contains("> 0.1", GitRepo.Output(remote.Path, "show", "rendered:manifests/clusters/prod-eu-1/prometheus-metrics/configmap-prometheus-metrics-rules.yaml"));
    }

    [GeneratedRegex(@"steps\.telc\.outputs\.([a-z-]+)")]
    private static partial Regex StepOutput();
}
