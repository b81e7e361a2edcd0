using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Sources;

namespace Telc.Policies;

/// <summary>
/// Runs each policy of a policy folder over its fixtures, <c>&lt;id&gt;/pass/</c> and <c>&lt;id&gt;/fail/</c> (each a spec,
/// or a project holding <c>telemetry/</c>): pass must give the policy nothing to report, fail exactly the findings
/// listed in <c>fail/expected.txt</c>, one "line:column message" a line.
/// </summary>
public static class PolicyFixtures
{
    public const string ExpectedFile = "expected.txt";

    /// <summary>The verdict on one policy; <see cref="Failures"/> says what did not hold, and is empty when it passed.</summary>
    public sealed record Verdict(string Policy, ImmutableArray<string> Fixtures, ImmutableArray<string> Failures)
    {
        public bool Passed => Failures.IsEmpty;
    }

    /// <summary>The verdicts, and what was refused while reading the folder (symbolic links, oversized files).</summary>
    public sealed record Outcome(IReadOnlyList<Verdict> Verdicts, IReadOnlyList<Diagnostic> FolderProblems);

    public static Outcome Run(string folder, string displayBase, PolicyWorkerSettings settings)
    {
        var read = PolicySources.For(folder, displayBase);
        // Each fixture runs in a worker process of its own; two at a time keep both cores busy.
        var verdicts = Directory.GetDirectories(folder)
            .Order(StringComparer.Ordinal)
            .Where(policyFolder => Path.Combine(policyFolder, Path.GetFileName(policyFolder) + ".csx") is var policy
                && File.Exists(policy) && !IsLink(policyFolder) && !IsLink(policy)) // a link is refused where the policy files are read
            .AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(2, Environment.ProcessorCount))
            .Select(policyFolder => Test(policyFolder, displayBase, read.Files, settings))
            .ToArray();
        return new Outcome(verdicts, read.Problems);
    }

    private static Verdict Test(string policyFolder, string displayBase, ImmutableArray<ProtocolFile> files, PolicyWorkerSettings settings)
    {
        var id = Path.GetFileName(policyFolder);
        var fixtures = new[] { "pass", "fail" }.Where(kind => Directory.Exists(Path.Combine(policyFolder, kind))).ToImmutableArray();
        var failures = new List<string>();
        if (fixtures.IsEmpty)
        {
            failures.Add("no pass/ or fail/ fixture");
        }

        foreach (var kind in fixtures)
        {
            failures.AddRange(Links(policyFolder, kind, Path.Combine(kind, SpecFileNames.DefaultRoot), Path.Combine(kind, ExpectedFile)) is { Length: > 0 } links
                ? links
                : Check(id, Path.Combine(policyFolder, kind), kind, displayBase, files, settings));
        }

        return new Verdict(id, fixtures, [.. failures]);
    }

    /// <summary>
    /// Fixtures are read as the policy folder is, never through a symbolic link: a pull request could otherwise have
    /// <c>telc policy test</c> read and print files from anywhere on the CI machine.
    /// </summary>
    private static string[] Links(string policyFolder, params string[] paths) =>
        [.. paths.Where(p => IsLink(Path.Combine(policyFolder, p)))
            .Select(p => $"{p.Replace('\\', '/')} is a symbolic link; links in the policy folder are not followed (copy the files instead)")];

    private static bool IsLink(string path) => (File.Exists(path) || Directory.Exists(path)) && new FileInfo(path).LinkTarget is not null;

    private static IEnumerable<string> Check(string id, string fixture, string kind, string displayBase, ImmutableArray<ProtocolFile> files, PolicyWorkerSettings settings)
    {
        var nested = Path.Combine(fixture, SpecFileNames.DefaultRoot);
        var compilation = Compilation.Create(new WorkingTreeSource(Directory.Exists(nested) ? nested : fixture, displayBase));
        var run = PolicyRunner.Run(compilation, files, settings, only: id);
        foreach (var problem in run.Problems)
        {
            yield return $"{kind}: {problem.Code} {problem.Message}";
        }

        var found = run.Findings.Where(f => f.Policy == id).Select(f => $"{f.Diagnostic.Start.Line}:{f.Diagnostic.Start.Column} {f.Diagnostic.Message}").ToArray();
        var expectedPath = Path.Combine(fixture, ExpectedFile);
        if (kind == "fail" && !File.Exists(expectedPath))
        {
            yield return $"fail: {ExpectedFile} is missing; it lists the findings, one \"line:column message\" a line";
            yield break;
        }

        var expected = kind == "pass" ? [] : (Sources.RegularFile.ReadText(expectedPath, Sources.SpecFileNames.MaxFileBytes) ?? string.Empty)
            .Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
        foreach (var missing in expected.Except(found))
        {
            yield return $"{kind}: missing {missing}";
        }

        foreach (var unexpected in found.Except(expected))
        {
            yield return $"{kind}: unexpected {unexpected}";
        }

        if (kind == "fail" && expected.Length == 0)
        {
            yield return $"fail: {ExpectedFile} lists no finding";
        }
    }
}
