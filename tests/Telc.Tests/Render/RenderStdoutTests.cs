using Telc.Parsing;
using Telc.Tests.Support;
using Telc.Text;

namespace Telc.Tests.Render;

/// <summary><c>telc render --stdout</c>: one cluster's objects as a YAML stream, the diagnostics on stderr.</summary>
public sealed class RenderStdoutTests
{
    [Theory]
    [InlineData("examples/quickstart", "prod-eu-1")]
    [InlineData("examples/microservices", "micro-dev")]
    [InlineData("examples/microservices", "micro-prod")]
    public void The_stream_is_the_committed_cluster_folder_without_kustomization_and_gitops_objects(string example, string cluster)
    {
        var result = CliRunner.Run(RepoPaths.Root, "render", example, "--stdout", "--cluster", cluster);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(CommittedStream(example, cluster), result.Output);
    }

    [Fact]
    public void A_spec_with_one_cluster_needs_no_cluster_option()
    {
        var result = CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "--stdout");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(CommittedStream("examples/quickstart", "prod-eu-1"), result.Output);
    }

    [Fact]
    public void Every_document_is_a_kubernetes_object_and_the_namespace_comes_first()
    {
        var stream = CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "--stdout").Output;

        var parsed = YamlParser.Parse(new SourceFile("stream.yaml", "stream.yaml", stream));

        Assert.Empty(parsed.Diagnostics);
        Assert.Equal(ClusterFiles("examples/quickstart", "prod-eu-1").Count, parsed.Documents.Count);
        var kinds = parsed.Documents.Select(d => Field(d.Root, "kind")).ToArray();
        Assert.Equal("Namespace", kinds[0]);
        Assert.DoesNotContain("Kustomization", kinds);
        Assert.DoesNotContain("Application", kinds);
        Assert.All(parsed.Documents, d =>
        {
            Assert.NotNull(Field(d.Root, "apiVersion"));
            Assert.NotNull(Field(((YamlMapping)d.Root).Find("metadata")!.Value, "name"));
        });
    }

    [SkippableFact]
    public void Kustomize_builds_the_stream_into_what_it_builds_from_the_cluster_folder()
    {
        ExternalTools.Require("kubectl");
        using var folder = new TempFolder();
        folder.Write("stream/all.yaml", CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "--stdout").Output);
        folder.Write("stream/kustomization.yaml", "resources:\n  - all.yaml\n");

        var fromStream = ExternalTools.Run("kubectl", "kustomize", Path.Combine(folder.Path, "stream"));
        var fromFolder = ExternalTools.Run("kubectl", "kustomize", RepoPaths.Combine("examples", "quickstart", "rendered", "clusters", "prod-eu-1"));

        Assert.True(fromStream.ExitCode == 0, fromStream.Output);
        Assert.True(fromFolder.ExitCode == 0, fromFolder.Output);
        Assert.Equal(fromFolder.Output, fromStream.Output);
    }

    [Fact]
    public void Diagnostics_go_to_stderr_never_into_the_stream()
    {
        var result = CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "--stdout");

        Assert.Contains("TELC501", result.Error);
        Assert.DoesNotContain("TELC", result.Output);
        Assert.StartsWith("apiVersion: v1\nkind: Namespace\n", result.Output);
    }

    [Theory]
    [InlineData("text", "TELC201")]
    [InlineData("json", "\"code\": \"TELC201\"")]
    public void Errors_print_nothing_on_stdout_and_exit_1(string format, string expected)
    {
        var result = CliRunner.Run(RepoPaths.Root, "render", "examples/invalid/dangling-references", "--stdout", "--cluster", "prod-eu-1", "--format", format);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains(expected, result.Error);
        Assert.Contains("nothing was printed because of the errors above", result.Error);
    }

    [Fact]
    public void An_unknown_cluster_is_a_usage_error_naming_the_clusters()
    {
        var misspelt = CliRunner.Run(RepoPaths.Root, "render", "examples/microservices", "--stdout", "--cluster", "micro-prd");
        var unknown = CliRunner.Run(RepoPaths.Root, "render", "examples/microservices", "--stdout", "--cluster", "staging");

        Assert.Equal(3, misspelt.ExitCode);
        Assert.Equal(string.Empty, misspelt.Output);
        Assert.Equal("telc: no cluster 'micro-prd' in the spec (did you mean 'micro-prod'?); its clusters are micro-dev, micro-prod\n", misspelt.Error);
        Assert.Equal(3, unknown.ExitCode);
        Assert.Equal("telc: no cluster 'staging' in the spec; its clusters are micro-dev, micro-prod\n", unknown.Error);
    }

    [Fact]
    public void Several_clusters_without_cluster_option_is_a_usage_error()
    {
        var result = CliRunner.Run(RepoPaths.Root, "render", "examples/microservices", "--stdout");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal("telc: --stdout prints one cluster: choose it with --cluster NAME (its clusters are micro-dev, micro-prod)\n", result.Error);
    }

    [Theory]
    [InlineData("--stdout -o OUT", "drop -o DIR")]
    [InlineData("--stdout --check -o OUT", "drop -o DIR")]
    [InlineData("--stdout --check", "--stdout and --check do not go together")]
    [InlineData("--cluster prod-eu-1 -o OUT", "--cluster chooses the cluster --stdout prints")]
    public void Options_that_contradict_stdout_are_usage_errors(string options, string message)
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "out");
        string[] args = ["render", "examples/quickstart", .. options.Split(' ').Select(o => o == "OUT" ? output : o)];

        var result = CliRunner.Run(RepoPaths.Root, args);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains(message, result.Error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void With_ref_the_stream_comes_from_the_commit_and_needs_no_output_folder()
    {
        using var repo = new TempFolder();
        CopyFolder(RepoPaths.Combine("examples", "quickstart", "telemetry"), Path.Combine(repo.Path, "telemetry"));
        GitRepo.Git(repo.Path, "init", "-q", "-b", "main");
        GitRepo.Git(repo.Path, "add", "-A");
        GitRepo.Git(repo.Path, "commit", "-q", "-m", "base");
        File.WriteAllText(Path.Combine(repo.Path, "telemetry", "cluster.yaml"), "broken: [\n");

        var result = CliRunner.Run(repo.Path, "render", ".", "--ref", "HEAD", "--stdout", "--cluster", "prod-eu-1");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(CommittedStream("examples/quickstart", "prod-eu-1"), result.Output);
        Assert.False(Directory.Exists(Path.Combine(repo.Path, "rendered")));
    }

    /// <summary>The committed files of one cluster, read from disk: the Namespace first, then by path.</summary>
    internal static string CommittedStream(string example, string cluster) =>
        string.Concat(ClusterFiles(example, cluster).Select((file, index) => (index == 0 ? string.Empty : "---\n") + File.ReadAllText(file)));

    private static List<string> ClusterFiles(string example, string cluster)
    {
        var root = RepoPaths.Combine([.. example.Split('/'), "rendered", "clusters", cluster]);
        return [.. Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != "kustomization.yaml")
            .OrderBy(f => f == "namespace.yaml" ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal)
            .Select(f => Path.Combine(root, f))];
    }

    private static string? Field(YamlNode node, string key) => (((YamlMapping)node).Find(key)?.Value as YamlScalar)?.Value;

    internal static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
