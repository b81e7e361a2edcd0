namespace Telc.Diff.Formatting;

/// <summary>The words and marks every diff format shares.</summary>
public static class DiffWords
{
    public static string Area(ChangeArea area) => area switch
    {
        ChangeArea.RecordingRule => "recording rule",
        ChangeArea.ScrapeJob => "scrape job",
        ChangeArea.Slo => "SLO",
        _ => area.ToString().ToLowerInvariant(),
    };

    public static string Risk(Risk risk) => risk.ToString().ToLowerInvariant();

    public static string Kind(ChangeKind kind) => kind.ToString().ToLowerInvariant();

    public static char Mark(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => '+',
        ChangeKind.Removed => '-',
        _ => '~',
    };

    /// <summary>
    /// The errors and warnings of a side, one line each with their hint, without the source lines the text format quotes:
    /// a quoted line may hold the very credential a finding is about, and a diff report is posted to a pull request.
    /// </summary>
    public static IEnumerable<string> Problems(DiffSide side) =>
        side.Problems.SelectMany(d => new[]
        {
            $"{d.Path ?? "(spec root)"}:{d.Start.Line}:{d.Start.Column} {d.Level.ToString().ToLowerInvariant()} {d.Code}: {d.Message}",
            $"    hint: {d.Hint}",
        });

    /// <summary>ok, failed (does not compile) or missing (no spec at all).</summary>
    public static string Status(DiffSide side) => side.Missing is not null ? "missing" : side.Failed ? "failed" : "ok";

    public static string Side(DiffSide side) =>
        side.Missing is not null ? $"{side.Label} (no spec)" : side.Label;

    /// <summary>"4 changes in 2 clusters: 1 high, 2 medium, 1 low risk", or that nothing changes.</summary>
    public static string Headline(DiffReport report)
    {
        if (report.Failed)
        {
            var failed = new[] { report.Base, report.Head }.Where(s => s.Failed).Select(s => s.Label);
            return $"cannot compare: {string.Join(" and ", failed)} {(report.Base.Failed && report.Head.Failed ? "do" : "does")} not compile";
        }

        if (!report.HasDifferences)
        {
            return "no changes: both sides render the same manifests";
        }

        var changes = report.DistinctChanges.Count;
        var objects = report.Clusters.Sum(c => c.Objects.Length);
        var clusters = report.ChangedClusters.Count();
        return $"{Plural(changes, "change")} in {Plural(clusters, "cluster")} ({report.Count(Diff.Risk.High)} high, {report.Count(Diff.Risk.Medium)} medium, "
            + $"{report.Count(Diff.Risk.Low)} low risk), {Plural(objects, "object")} changed";
    }

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>Lines of a value for a line-oriented diff: multi-line values (queries, templates) one line each.</summary>
    public static IEnumerable<string> Lines(string? value) =>
        value is null ? [] : value.TrimEnd('\n').Split('\n');
}
