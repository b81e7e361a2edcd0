using Telc.Tests.Support;
using Xunit.Abstractions;

namespace Telc.Tests.Cli;

/// <summary>
/// The native (AOT) telc that `dotnet publish -r linux-x64` builds must behave exactly as the JIT one the other tests
/// run in-process: trimming drops what reflection needs without a compile error, so only running it tells.
/// </summary>
public sealed class NativeBuildTests(NativeTelc native, ITestOutputHelper log) : IClassFixture<NativeTelc>
{
    public static TheoryData<string> ValidateCases()
    {
        var data = new TheoryData<string>();
        foreach (var spec in RenderCases.All)
        {
            data.Add(spec);
        }

        foreach (var directory in Directory.GetDirectories(RepoPaths.Combine("examples", "invalid")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, directory).Replace('\\', '/'));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ValidateCases))]
    public void Validate_reports_the_same_findings(string spec)
    {
        foreach (var format in new[] { "text", "json", "sarif" })
        {
            AssertSame("validate", spec, "--format", format);
        }
    }

    public static TheoryData<string> RenderCaseData() => RenderCases.Data();

    [SkippableTheory]
    [MemberData(nameof(RenderCaseData))]
    public void Render_writes_the_same_tree(string spec)
    {
        using var folder = new TempFolder();
        var jit = Path.Combine(folder.Path, "jit");
        var aot = Path.Combine(folder.Path, "aot");

        var expected = CliRunner.Run(RepoPaths.Root, "render", spec, "-o", jit);
        var actual = native.Run(RepoPaths.Root, "render", spec, "-o", aot);

        Assert.Equal(0, expected.ExitCode);
        var expectedOutput = expected.Output.Replace(Path.GetRelativePath(RepoPaths.Root, jit), Path.GetRelativePath(RepoPaths.Root, aot));
        Assert.True((expected.ExitCode, expectedOutput) == (actual.ExitCode, actual.Output),
            $"exit codes {expected.ExitCode} (JIT) and {actual.ExitCode} (native)\n" + GoldenDiff.Describe(expectedOutput, actual.Output + actual.Error));
        var jitFiles = Files(jit);
        Assert.Equal(jitFiles.Select(f => f.Name), Files(aot).Select(f => f.Name));
        foreach (var (name, bytes) in Files(aot))
        {
            Assert.True(bytes.AsSpan().SequenceEqual(jitFiles.Single(f => f.Name == name).Bytes), $"{name} differs between the JIT and the native build");
        }
    }

    [SkippableFact]
    public void PromQL_check_of_the_rule_file_corpus_reports_the_same()
    {
        var root = Path.GetDirectoryName(Corpus.File("promql", "expressions.txt"))!;
        var files = Directory.GetFiles(root, "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        log.WriteLine($"{files.Length} rule files");

        AssertSame(["promql", "check", .. files]);
    }

    [SkippableFact]
    public void Schema_and_usage_errors_are_the_same()
    {
        AssertSame("schema");
        AssertSame("validate", "--no-such-option");
        AssertSame("render", "no/such/spec");
    }

    [SkippableFact]
    public void Diff_reports_the_same_in_every_format()
    {
        using var repo = new ScenarioRepository();
        repo.MakeAllChanges();
        var head = repo.Commit("head");
        repo.AddBrokenQuery();

        foreach (var format in new[] { "text", "markdown", "json" })
        {
            AssertSameIn(repo.Path, "diff", repo.Base, head, "--format", format);
            AssertSameIn(repo.Path, "diff", repo.Base, "--format", format);
        }
    }

    private void AssertSame(params string[] args) => AssertSameIn(RepoPaths.Root, args);

    private void AssertSameIn(string directory, params string[] args)
    {
        var expected = CliRunner.Run(directory, args);
        var actual = native.Run(directory, args);

        Assert.True(expected == actual, $"telc {string.Join(' ', args)}: the native build differs\n"
            + $"exit codes {expected.ExitCode} (JIT) and {actual.ExitCode} (native)\n"
            + GoldenDiff.Describe(expected.Output + expected.Error, actual.Output + actual.Error));
    }

    private static (string Name, byte[] Bytes)[] Files(string root) =>
        [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(root, f), File.ReadAllBytes(f)))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)];
}
