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
            .Where(policyFolder => File.Exists(Path.Combine(policyFolder, Path.GetFileName(policyFolder) + ".csx")))
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
            failures.AddRange(Check(id, Path.Combine(policyFolder, kind), kind, displayBase, files, settings));
        }

        return new Verdict(id, fixtures, [.. failures]);
    }

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
