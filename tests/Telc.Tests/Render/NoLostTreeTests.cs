using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>A render never loses the tree a cluster runs from: not to an empty spec, and not to what an interrupted run left.</summary>
public sealed class NoLostTreeTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_spec_without_clusters_does_not_empty_a_rendered_tree_unless_asked()
    {
        var output = Path.Combine(folder.Path, "rendered");
        Assert.Equal(0, CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "-o", output).ExitCode);
        folder.Write("empty/telemetry/project.yaml", Specs.Header + "kind: Project\nmetadata: { name: p }\nspec: {}\n");

        var refused = CliRunner.Run(folder.Path, "render", "empty", "-o", output);

        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("the spec renders no cluster", refused.Error);
        Assert.True(File.Exists(Path.Combine(output, "clusters", "prod-eu-1", "kustomization.yaml")));

        var allowed = CliRunner.Run(folder.Path, "render", "empty", "-o", output, "--allow-empty");

        Assert.Equal(0, allowed.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(output, "clusters", "prod-eu-1")));
    }

    [Fact]
    public void What_interrupted_runs_left_beside_the_tree_is_cleaned_and_nothing_else()
    {
        var output = Path.Combine(folder.Path, "rendered");
        var halfWritten = Path.Combine(folder.Path, ".rendered.telc-new-0123abcd");
        var replaced = Path.Combine(folder.Path, ".rendered.telc-old-89abcdef");
        var someoneElses = Path.Combine(folder.Path, ".rendered.telc-old-mine");
        foreach (var leftover in new[] { halfWritten, replaced, someoneElses })
        {
            Directory.CreateDirectory(leftover);
            File.WriteAllText(Path.Combine(leftover, "file.yaml"), "x\n");
        }

        Assert.Equal(0, CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "-o", output).ExitCode);

        Assert.False(Directory.Exists(halfWritten));
        Assert.False(Directory.Exists(replaced));
        Assert.True(Directory.Exists(someoneElses));
    }
}
