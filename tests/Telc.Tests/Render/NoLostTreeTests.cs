using Telc.Emit;
using Telc.Output;
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
    public void Two_folders_are_exchanged_in_one_step_on_linux()
    {
        var first = folder.Write("first/a.txt", "first");
        var second = folder.Write("second/b.txt", "second");

        var exchanged = DirectoryExchange.TryExchange(Path.GetDirectoryName(first)!, Path.GetDirectoryName(second)!);

        Assert.Equal(OperatingSystem.IsLinux(), exchanged);
        if (exchanged)
        {
            Assert.Equal("second", File.ReadAllText(Path.Combine(folder.Path, "first", "b.txt")));
            Assert.Equal("first", File.ReadAllText(Path.Combine(folder.Path, "second", "a.txt")));
        }
    }

    [Fact]
    public void A_reader_of_the_tree_never_finds_it_missing_while_renders_replace_it()
    {
        var output = Path.Combine(folder.Path, "rendered");
        OutputFile[] Tree(int generation) =>
            [new(TreeWriter.MarkerFile, TreeWriter.MarkerText), new("clusters/a/kustomization.yaml", $"generation: {generation}\n")];
        TreeWriter.Write(output, Tree(0));
        var missing = 0;
        using var stop = new CancellationTokenSource();
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                missing += File.Exists(Path.Combine(output, TreeWriter.MarkerFile)) ? 0 : 1;
            }
        });
        reader.Start();

        for (var generation = 1; generation <= 300; generation++)
        {
            TreeWriter.Write(output, Tree(generation));
        }

        stop.Cancel();
        reader.Join();
        Assert.Equal(0, missing);
        Assert.Equal("generation: 300\n", File.ReadAllText(Path.Combine(output, "clusters", "a", "kustomization.yaml")));
        Assert.Equal(["rendered"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
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
