namespace Telc.Diff.Formatting;

/// <summary>For a terminal: the summary per cluster, then each changed object with its changed fields; ANSI colours when asked.</summary>
public sealed class DiffTextFormatter(bool color)
{
    public void Write(DiffReport report, TextWriter output)
    {
        output.Write($"{Paint("telc diff", "1")} {DiffWords.Side(report.Base)} → {DiffWords.Side(report.Head)}\n");
        if (report.Failed)
        {
            WriteSides(report, output);
        }

        var (shared, own) = SharedChange.Split(report);
        if (shared.Count > 0)
        {
            output.Write($"\n{Paint("in several clusters", "1")}\n");
            var changedClusters = report.ChangedClusters.Count();
            foreach (var change in shared)
            {
                WriteChange(change.Change, output, $" (in {change.Where(changedClusters)})");
            }
        }

        var repeated = new RepeatedObjects(report);
        foreach (var cluster in report.Clusters)
        {
            output.Write($"\n{Paint(cluster.DisplayName, "1")}{(cluster.Environment is { } environment ? $" ({environment})" : string.Empty)}\n");
            foreach (var change in own[cluster.Name])
            {
                WriteChange(change, output, string.Empty);
            }

            foreach (var diff in cluster.Objects)
            {
                output.Write($"  {Paint($"{DiffWords.Mark(diff.Kind)} {diff.Identity.Display}", KindColor(diff.Kind))} {Paint(diff.Path, "2")}\n");
                if (repeated.SameAs(diff) is { } earlier)
                {
                    output.Write($"      (the same change as in {earlier})\n");
                    continue;
                }

                foreach (var field in diff.Fields)
                {
                    WriteField(field, output);
                }
            }
        }

        output.Write($"\n{DiffWords.Headline(report)}\n");
    }

    private void WriteChange(TelemetryChange change, TextWriter output, string where)
    {
        var risk = DiffWords.Risk(change.Risk).ToUpperInvariant().PadRight(6);
        output.Write($"  {Paint(risk, RiskColor(change.Risk))} {DiffWords.Area(change.Area)} {change.Subject}: {change.Description}{where}\n");
    }

    private void WriteSides(DiffReport report, TextWriter output)
    {
        foreach (var side in new[] { report.Base, report.Head })
        {
            var summary = side.Missing ?? (side.Failed ? "does not compile" : "compiles");
            output.Write($"\n{Paint(side.Label, "1")}: {summary}\n");
            foreach (var line in DiffWords.Problems(side))
            {
                output.Write($"  {line}\n");
            }
        }
    }

    private void WriteField(FieldChange field, TextWriter output)
    {
        var multiline = field.IsMultiline;
        if (!multiline && field.Kind == ChangeKind.Changed)
        {
            output.Write($"      {field.Path}: {Paint(field.Before!, "31")} → {Paint(field.After!, "32")}\n");
            return;
        }

        output.Write($"      {Paint(DiffWords.Mark(field.Kind).ToString(), KindColor(field.Kind))} {field.Path}{(multiline ? string.Empty : ": " + (field.After ?? field.Before))}\n");
        if (multiline)
        {
            foreach (var line in DiffWords.Lines(field.Before))
            {
                output.Write($"        {Paint("- " + line, "31")}\n");
            }

            foreach (var line in DiffWords.Lines(field.After))
            {
                output.Write($"        {Paint("+ " + line, "32")}\n");
            }
        }
    }

    private static string RiskColor(Risk risk) => risk switch { Risk.High => "1;31", Risk.Medium => "33", _ => "32" };

    private static string KindColor(ChangeKind kind) => kind switch { ChangeKind.Added => "32", ChangeKind.Removed => "31", _ => "33" };

    private string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
