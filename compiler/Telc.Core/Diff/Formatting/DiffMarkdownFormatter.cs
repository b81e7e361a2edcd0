using System.Text;

namespace Telc.Diff.Formatting;

/// <summary>
/// For a pull-request comment or a job summary: a headline, a table per cluster inside a collapsible section, and
/// the object changes as a diff block. GitHub refuses comments over 65,536 characters, so the summary tables always
/// come first and object details stop at <see cref="Budget"/> with a note saying how much was left out.
/// </summary>
public sealed class DiffMarkdownFormatter(int budget = DiffMarkdownFormatter.DefaultBudget)
{
    public const int DefaultBudget = 60_000;

    /// <summary>Lines of a failed side's findings shown (two a finding); the rest are in telc validate and the annotations.</summary>
    private const int ProblemLinesShown = 200;

    /// <summary>Room kept for the note saying what was cut.</summary>
    private const int Reserve = 500;
    private const string TableHeader = "| risk | what | change |\n|---|---|---|\n";
    private const string SharedHeader = "**In several clusters**\n\n| risk | what | change | where |\n|---|---|---|---|\n";

    public int Budget => budget;

    public void Write(DiffReport report, TextWriter output)
    {
        var text = new StringBuilder();
        text.Append($"### telc diff: {Escape(DiffWords.Headline(report))}\n\n");
        text.Append($"`{Code(DiffWords.Side(report.Base))}` → `{Code(DiffWords.Side(report.Head))}`\n\n");
        if (report.Failed)
        {
            WriteSides(report, text);
        }
        else if (report.HasDifferences)
        {
            WriteClusters(report, text);
        }

        output.Write(text.ToString());
    }

    private static void WriteSides(DiffReport report, StringBuilder text)
    {
        foreach (var side in new[] { report.Base, report.Head })
        {
            var status = side.Missing ?? (side.Failed ? "**does not compile**" : "compiles");
            text.Append($"**{Escape(side.Label)}**: {status}\n\n");
            if (side.Problems.Count > 0)
            {
                AppendBlock(text, "text", string.Join("\n", DiffWords.Problems(side).Take(ProblemLinesShown))
                    + (side.Problems.Count * 2 > ProblemLinesShown ? $"\n… {side.Problems.Count - ProblemLinesShown / 2} more: run telc validate" : string.Empty));
            }
        }
    }

    private void WriteClusters(DiffReport report, StringBuilder text)
    {
        var (shared, own) = SharedChange.Split(report);
        var changedClusters = report.ChangedClusters.Count();
        var wrappers = report.Clusters.ToDictionary(c => c.Name, c => Wrapper(c, report.Clusters.Length), StringComparer.Ordinal);
        var room = budget - Reserve - text.Length - wrappers.Values.Sum(w => w.Open.Length + w.Close.Length);
        var omittedRows = 0;
        bool Fits(string part)
        {
            if (part.Length > room)
            {
                return false;
            }

            room -= part.Length;
            return true;
        }

        void AppendRows(StringBuilder target, IEnumerable<string> rows)
        {
            foreach (var row in rows)
            {
                if (Fits(row))
                {
                    target.Append(row);
                }
                else
                {
                    omittedRows++;
                }
            }
        }

        var overview = new StringBuilder("| cluster | high | medium | low | objects |\n|---|---:|---:|---:|---:|\n");
        AppendRows(overview, report.Clusters.Select(cluster =>
            $"| {Escape(cluster.DisplayName)}{(cluster.Environment is { } e ? $" ({Escape(e)})" : string.Empty)} | {Count(cluster, Risk.High)} | "
            + $"{Count(cluster, Risk.Medium)} | {Count(cluster, Risk.Low)} | {cluster.Objects.Length} |\n"));
        text.Append(overview).Append('\n');

        if (shared.Count > 0 && Fits(SharedHeader))
        {
            text.Append(SharedHeader);
            AppendRows(text, shared.Select(change =>
                $"| {RiskCell(change.Change.Risk)} | {DiffWords.Area(change.Change.Area)} `{Code(change.Change.Subject)}` | {Escape(change.Change.Description)} | {Escape(change.Where(changedClusters))} |\n"));
            text.Append('\n');
        }

        var sections = new List<(ClusterDiff Cluster, string Rows)>();
        foreach (var cluster in report.Clusters)
        {
            var rows = new StringBuilder();
            var changes = own[cluster.Name];
            if (changes.Count > 0 && Fits(TableHeader))
            {
                rows.Append(TableHeader);
                AppendRows(rows, changes.Select(change => $"| {RiskCell(change.Risk)} | {DiffWords.Area(change.Area)} `{Code(change.Subject)}` | {Escape(change.Description)} |\n"));
                rows.Append('\n');
            }
            else
            {
                omittedRows += changes.Count;
            }

            sections.Add((cluster, rows.ToString()));
        }

        var omittedObjects = 0;
        var repeated = new RepeatedObjects(report);
        foreach (var (cluster, rows) in sections)
        {
            var detail = Details(cluster, repeated);
            if (detail.Length > 0 && !Fits(detail))
            {
                omittedObjects += cluster.Objects.Length;
                detail = string.Empty;
            }

            var (openTag, closeTag) = wrappers[cluster.Name];
            text.Append(openTag).Append(rows).Append(detail).Append(closeTag);
        }

        if (omittedRows > 0 || omittedObjects > 0)
        {
            var left = new[] { omittedRows > 0 ? DiffWords.Plural(omittedRows, "summary line") : null, omittedObjects > 0 ? DiffWords.Plural(omittedObjects, "object change") : null };
            text.Append($"> The report was cut to stay under {budget:N0} characters: {string.Join(" and ", left.Where(l => l is not null))} not shown. "
                + "Run `telc diff` locally (or with `--format json`) for all of it.\n");
        }
    }

    /// <summary>The collapsible section of a cluster, open when it holds a high risk and there are few clusters.</summary>
    private static (string Open, string Close) Wrapper(ClusterDiff cluster, int clusters)
    {
        var open = cluster.HighestRisk == Risk.High && clusters <= 2 ? " open" : string.Empty;
        return ($"<details{open}><summary><b>{Html(cluster.DisplayName)}</b> — {Html(Tally(cluster))}</summary>\n\n", "</details>\n\n");
    }

    private static string RiskCell(Risk risk) => risk == Risk.High ? "**high**" : DiffWords.Risk(risk);

    private static string Details(ClusterDiff cluster, RepeatedObjects repeated)
    {
        if (cluster.Objects.IsEmpty)
        {
            return string.Empty;
        }

        var lines = new StringBuilder();
        foreach (var diff in cluster.Objects)
        {
            lines.Append($"{DiffWords.Mark(diff.Kind) switch { '+' => '+', '-' => '-', _ => '!' }} {diff.Identity.Display}  ({diff.Path})\n");
            if (repeated.SameAs(diff) is { } earlier)
            {
                lines.Append($"    (the same change as in {earlier})\n");
                continue;
            }

            foreach (var field in diff.Fields)
            {
                if (field.Kind == ChangeKind.Changed && !field.IsMultiline)
                {
                    lines.Append($"    {field.Path}\n-     {field.Before}\n+     {field.After}\n");
                    continue;
                }

                lines.Append($"    {field.Path}\n");
                foreach (var line in DiffWords.Lines(field.Before))
                {
                    lines.Append($"-     {line}\n");
                }

                foreach (var line in DiffWords.Lines(field.After))
                {
                    lines.Append($"+     {line}\n");
                }
            }
        }

        var text = new StringBuilder();
        AppendBlock(text, "diff", lines.ToString());
        return text.ToString();
    }

    private static string Tally(ClusterDiff cluster)
    {
        var parts = new[] { Risk.High, Risk.Medium, Risk.Low }
            .Select(r => (Risk: r, Count: Count(cluster, r)))
            .Where(p => p.Count > 0)
            .Select(p => $"{p.Count} {DiffWords.Risk(p.Risk)}")
            .Append(DiffWords.Plural(cluster.Objects.Length, "object"));
        return string.Join(", ", parts);
    }

    private static int Count(ClusterDiff cluster, Risk risk) => cluster.Changes.Count(c => c.Risk == risk);

    /// <summary>A fenced block whose fence is longer than any run of backticks inside, so content cannot close it.</summary>
    private static void AppendBlock(StringBuilder text, string language, string content)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        text.Append(fence).Append(language).Append('\n').Append(content.TrimEnd('\n')).Append('\n').Append(fence).Append("\n\n");
    }

    /// <summary>Table cells: no pipes, no line breaks, no HTML, no emphasis or links made of regexes and paths.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' or '|' or '*' or '_' or '~' or '`' or '[' or ']' => escaped.Append('\\').Append(c),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '\n' or '\r' => escaped.Append(' '),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    /// <summary>Inside inline code only backticks and, in a table, pipes matter.</summary>
    private static string Code(string text) => text.Replace('`', '\'').Replace("|", "\\|").Replace("\n", " ");

    private static string Html(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
