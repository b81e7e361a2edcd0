using Telc.Sources;
using Telc.Tests.Support;

namespace Telc.Tests.Golden;

/// <summary>
/// Every render case's committed rendered/ tree is what its spec renders to, byte for byte; a difference is shown as
/// a unified diff per file. Set TELC_UPDATE_GOLDEN=1 to rewrite the trees; review the diff before committing.
/// </summary>
public sealed class RenderedTreeTests
{
    public static TheoryData<string> Cases() => RenderCases.Data();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Committed_tree_is_what_the_spec_renders_to(string name)
    {
        var committed = RepoPaths.Combine(name, "rendered");
        if (Environment.GetEnvironmentVariable("TELC_UPDATE_GOLDEN") == "1")
        {
            Assert.Equal(0, CliRunner.Run(RepoPaths.Root, "render", name, "-o", committed).ExitCode);
        }

        var compilation = Compilation.Create(new WorkingTreeSource(RepoPaths.Combine(name, "telemetry"), RepoPaths.Root));
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        var fresh = Emit.Renderer.Render(compilation, $"{name}/rendered").Files.ToDictionary(f => f.Path, f => f.Content);

        var differences = Files(committed).Union(fresh.Keys).Order(StringComparer.Ordinal)
            .Select(file => (file, Expected: Read(committed, file), Actual: fresh.GetValueOrDefault(file)))
            .Where(f => f.Expected != f.Actual)
            .Select(f => GoldenDiff.Describe(f.Expected ?? string.Empty, f.Actual ?? string.Empty, $"{name}/rendered/{f.file}{(f.Expected is null ? " (missing)" : string.Empty)}"))
            .ToArray();
        Assert.True(differences.Length == 0,
            $"{name}/rendered differs from what the spec renders to (run 'telc render {name}', or the tests with TELC_UPDATE_GOLDEN=1):\n{string.Join("\n", differences)}");
    }

    /// <summary>What CI runs on a pull request: render --check against the committed tree, through the command line.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_check_passes_on_the_committed_tree(string name)
    {
        var result = CliRunner.Run(RepoPaths.Root, "render", name, "--check");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
    }

    [Fact]
    public void There_are_render_cases() => Assert.True(RenderCases.All.Count >= 4, string.Join(", ", RenderCases.All));

    private static IEnumerable<string> Files(string root) => Directory.Exists(root)
        ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
        : [];

    private static string? Read(string root, string file) => File.Exists(Path.Combine(root, file)) ? File.ReadAllText(Path.Combine(root, file)) : null;
}
