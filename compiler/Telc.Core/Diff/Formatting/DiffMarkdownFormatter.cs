using System.Text;
using Telc.Diagnostics.Formatting;

namespace Telc.Diff.Formatting;

/// <summary>
/// For a pull-request comment or a job summary: a headline, a table per cluster inside a collapsible section, and
/// the object changes as a diff block. GitHub refuses comments over 65,536 characters, so the summary tables always
/// come first and object details stop at <see cref="Budget"/> with a note saying how much was left out.
/// </summary>
public sealed class DiffMarkdownFormatter(int budget = DiffMarkdownFormatter.DefaultBudget)
{
    public const int DefaultBudget = 60_000;
    private const int RowsPerCluster = 60;

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
            if (side.Compilation is { } compilation && side.Problems.Count > 0)
            {
                var diagnostics = new StringWriter();
                new TextFormatter(color: false).Write(new DiagnosticReport(side.Problems, compilation.Sources.Files.Count, compilation.DocumentCount), diagnostics);
                AppendBlock(text, "text", diagnostics.ToString());
            }
        }
    }

    private void WriteClusters(DiffReport report, StringBuilder text)
    {
        text.Append("| cluster | high | medium | low | objects |\n|---|---:|---:|---:|---:|\n");
        foreach (var cluster in report.Clusters)
        {
            text.Append($"| {Escape(cluster.DisplayName)}{(cluster.Environment is { } e ? $" ({Escape(e)})" : string.Empty)} | {Count(cluster, Risk.High)} | "
                + $"{Count(cluster, Risk.Medium)} | {Count(cluster, Risk.Low)} | {cluster.Objects.Length} |\n");
        }

        text.Append('\n');
        var sections = report.Clusters.Select(Section).ToArray();
        var details = report.Clusters.Select(Details).ToArray();
        var used = text.Length + sections.Sum(s => s.Length + 20);
        var omitted = 0;
        for (var i = 0; i < sections.Length; i++)
        {
            var detail = details[i];
            if (used + detail.Length > budget)
            {
                omitted += report.Clusters[i].Objects.Length;
                detail = report.Clusters[i].Objects.IsEmpty ? string.Empty : $"_{DiffWords.Plural(report.Clusters[i].Objects.Length, "object change")} left out to fit the size limit._\n\n";
            }

            used += detail.Length;
            var open = report.Clusters[i].HighestRisk == Risk.High ? " open" : string.Empty;
            text.Append($"<details{open}><summary><b>{Html(report.Clusters[i].DisplayName)}</b> — {Html(Tally(report.Clusters[i]))}</summary>\n\n");
            text.Append(sections[i]).Append(detail).Append("</details>\n\n");
        }

        if (omitted > 0)
        {
            text.Append($"> The report was cut to stay under {budget:N0} characters: {DiffWords.Plural(omitted, "object change")} not shown. "
                + "Run `telc diff` locally (or with `--format json`) for all of it.\n");
        }
    }

    private static string Section(ClusterDiff cluster)
    {
        if (cluster.Changes.IsEmpty)
        {
            return string.Empty;
        }

        var text = new StringBuilder("| risk | what | change |\n|---|---|---|\n");
        foreach (var change in cluster.Changes.OrderByDescending(c => c.Risk).Take(RowsPerCluster))
        {
            var risk = change.Risk == Risk.High ? "**high**" : DiffWords.Risk(change.Risk);
            text.Append($"| {risk} | {DiffWords.Area(change.Area)} `{Code(change.Subject)}` | {Escape(change.Description)} |\n");
        }

        if (cluster.Changes.Length > RowsPerCluster)
        {
            text.Append($"| | | _and {cluster.Changes.Length - RowsPerCluster} more lower-risk changes_ |\n");
        }

        return text.Append('\n').ToString();
    }

    private static string Details(ClusterDiff cluster)
    {
        if (cluster.Objects.IsEmpty)
        {
            return string.Empty;
        }

        var lines = new StringBuilder();
        foreach (var diff in cluster.Objects)
        {
            lines.Append($"{DiffWords.Mark(diff.Kind) switch { '+' => '+', '-' => '-', _ => '!' }} {diff.Identity.Display}  ({diff.Path})\n");
            foreach (var field in diff.Fields)
            {
                if (field.Kind == ChangeKind.Changed && !(field.Before!.Contains('\n') || field.After!.Contains('\n')))
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

    /// <summary>Table cells: no pipes, no line breaks, no HTML.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\n", " ").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Inside inline code only backticks and, in a table, pipes matter.</summary>
    private static string Code(string text) => text.Replace('`', '\'').Replace("|", "\\|").Replace("\n", " ");

    private static string Html(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
