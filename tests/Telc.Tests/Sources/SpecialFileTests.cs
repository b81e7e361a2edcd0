using Telc.Sources;
using Telc.Tests.Support;

namespace Telc.Tests.Sources;

/// <summary>
/// A FIFO (or socket, or device) where telc expects a file is never opened: opening a FIFO blocks until a writer comes,
/// and /dev/zero never ends. Each case runs under a deadline, so a regression fails instead of hanging the suite.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [SkippableFact]
    public void A_fifo_among_the_spec_files_is_not_opened()
    {
        folder.Write("telemetry/cluster.yaml", Specs.Cluster("dev-1", "dev"));
        Fifo("telemetry/pipe.yaml");

        var compilation = Bounded(() => Compilation.Create(new WorkingTreeSource(Path.Combine(folder.Path, "telemetry"), folder.Path)));

        Assert.Contains(compilation.Diagnostics, d => d.Path?.EndsWith("pipe.yaml", StringComparison.Ordinal) == true);
    }

    [SkippableFact]
    public void A_fifo_as_the_comment_body_is_a_usage_error()
    {
        Fifo("body.md");

        var environment = new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = "t", ["GITHUB_API_URL"] = "http://127.0.0.1:9", ["GITHUB_REPOSITORY"] = "acme/telemetry",
            ["GITHUB_EVENT_PATH"] = folder.Write("event.json", "{\"pull_request\": {\"number\": 1}}"),
        };

        var result = Bounded(() => CliRunner.RunWith(folder.Path, environment, "github", "comment", "--body-file", "body.md"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not a regular file", result.Error);
    }

    [SkippableFact]
    public void A_fifo_given_to_promql_check_is_a_usage_error()
    {
        Fifo("rules.yaml");

        var result = Bounded(() => CliRunner.Run(folder.Path, "promql", "check", "rules.yaml"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not a regular file", result.Error);
    }

    [SkippableFact]
    public void A_fifo_as_the_event_payload_is_a_usage_error()
    {
        folder.Write("body.md", "report\n");
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = "t", ["GITHUB_API_URL"] = "http://127.0.0.1:9", ["GITHUB_REPOSITORY"] = "acme/telemetry",
            ["GITHUB_EVENT_PATH"] = Path.Combine(folder.Path, "event.json"),
        };
        Fifo("event.json");

        var result = Bounded(() => CliRunner.RunWith(folder.Path, environment, "github", "comment", "--body-file", "body.md"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not a regular file", result.Error);
    }

    [Fact]
    public void A_device_is_read_as_nothing() => Assert.Null(Bounded(() => RegularFile.Read("/dev/zero", 1024)));

    [SkippableFact]
    public void A_fifo_in_the_rendered_tree_differs_without_being_read()
    {
        var tree = Path.Combine(folder.Path, "rendered");
        Fifo("rendered/namespace.yaml");

        var differences = Bounded(() => Output.TreeWriter.Compare(tree, [new Emit.OutputFile("namespace.yaml", "kind: Namespace\n")]));

        Assert.Contains(differences, d => d.Path == "namespace.yaml");
    }

    [SkippableFact]
    public void A_dashboard_file_that_is_a_fifo_empty_or_a_link_out_of_the_root_counts_as_missing()
    {
        using var outside = new TempFolder();
        var json = outside.Write("dashboard.json", "{ \"title\": \"outside\" }");
        folder.Write("telemetry/backends.yaml", Specs.Backend("dashboards", "grafana", "{ adminPasswordSecretRef: { name: g, key: p } }"));
        folder.Write("telemetry/dashboards.yaml", string.Join("---\n", new[] { "pipe", "empty", "linked", "good" }.Select(name =>
            Specs.Header + $"kind: Dashboard\nmetadata: {{ name: {name} }}\nspec: {{ grafana: dashboards, file: {name}.json }}\n")));
        Fifo("telemetry/pipe.json");
        folder.Write("telemetry/empty.json", string.Empty);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "telemetry", "linked.json"), json);
        folder.Write("telemetry/good.json", "{ \"title\": \"inside\" }");

        var compilation = Bounded(() => Compilation.Create(new WorkingTreeSource(Path.Combine(folder.Path, "telemetry"), folder.Path)));

        var missing = compilation.Diagnostics.Where(d => d.Code == "TELC211").Select(d => d.Message).Order(StringComparer.Ordinal);
        Assert.Equal(["dashboard file 'empty.json' does not exist", "dashboard file 'linked.json' does not exist", "dashboard file 'pipe.json' does not exist"], missing);
    }

    private void Fifo(string relativePath)
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "FIFOs are a Unix file type");
        var path = Path.Combine(folder.Path, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (exitCode, output) = ExternalTools.Run("mkfifo", path);
        Assert.True(exitCode == 0, output);
    }

    private static T Bounded<T>(Func<T> action)
    {
        var task = Task.Run(action);
        Assert.True(task.Wait(Deadline), "blocked on a special file");
        return task.Result;
    }
}
