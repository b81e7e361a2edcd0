using Telc.Tests.Support;

namespace Telc.Tests.Cli;

/// <summary>
/// Values a workflow or a pull request controls — refs, output paths, environment variables — end as a one-line usage
/// error (exit 3), never as a stack trace, and never make telc or git write where the user did not say.
/// </summary>
public sealed class HostileArgumentsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("--ref=^HEAD", "starts with '^'")]
    [InlineData("--ref=HEAD:telemetry", "holds ':'")]
    [InlineData("--ref=--all", "starts with '-'")]
    [InlineData("--ref=--", "starts with '-'")]
    [InlineData("--ref=HEAD~1..HEAD", "holds '..'")]
    [InlineData("--trusted-policies-ref=-x", "starts with '-'")]
    public void Refs_that_are_not_refs_are_usage_errors(string option, string reason)
    {
        var result = CliRunner.Run(RepoPaths.Root, "validate", "examples/quickstart", option);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(reason, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_changed_since_value_is_never_handed_to_git_as_an_option()
    {
        var target = Path.Combine(folder.Path, "created-by-git");

        var result = CliRunner.Run(RepoPaths.Root, "validate", "examples/quickstart", "--format", "github", $"--changed-since=--output={target}");

        Assert.Equal(3, result.ExitCode);
        Assert.False(File.Exists(target), "git diff wrote the file an option named");
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("1e-300")]
    [InlineData("-5")]
    [InlineData("5s")]
    public void A_policy_timeout_out_of_range_is_a_usage_error(string value)
    {
        var result = CliRunner.RunWith(RepoPaths.Root, new Dictionary<string, string> { ["TELC_POLICY_TIMEOUT"] = value }, "validate", "examples/quickstart");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("telc: TELC_POLICY_TIMEOUT is ", result.Error);
    }

    [Fact]
    public void Render_into_an_existing_file_is_a_usage_error()
    {
        var file = folder.Write("taken", "mine\n");

        var result = CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "-o", file);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("it is a file, not a folder", result.Error);
        Assert.Equal("mine\n", File.ReadAllText(file));
    }

    [Fact]
    public void Render_through_a_symbolic_link_into_the_spec_is_refused()
    {
        var link = Path.Combine(folder.Path, "link");
        Directory.CreateSymbolicLink(link, RepoPaths.Combine("examples", "quickstart"));

        var result = CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "-o", Path.Combine(link, "telemetry"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("it contains the spec, or is inside it", result.Error);
        Assert.True(File.Exists(RepoPaths.Combine("examples", "quickstart", "telemetry", "project.yaml")));
    }

    [Fact]
    public void Schema_into_an_existing_file_is_a_usage_error()
    {
        var file = folder.Write("taken", "mine\n");

        var result = CliRunner.Run(folder.Path, "schema", "--out", file);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("telc: cannot write the schemas", result.Error);
    }

    [Theory]
    [InlineData("/tmp/telc-elsewhere")]
    [InlineData("../../elsewhere")]
    [InlineData("rendered/../../elsewhere")]
    public void An_output_path_out_of_the_project_is_an_error(string path)
    {
        var compilation = Specs.Compile(Specs.Header + $"kind: Project\nmetadata: {{ name: p }}\nspec: {{ output: {{ path: '{path}' }} }}\n---\n" + Specs.Cluster("dev-1", "dev"));

        Assert.Contains("leads out of the project folder", compilation.Single("TELC215").Message);
    }
}
