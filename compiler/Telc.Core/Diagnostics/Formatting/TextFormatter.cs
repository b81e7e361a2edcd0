using System.Text;

namespace Telc.Diagnostics.Formatting;

/// <summary>Human output: findings grouped by file, each with its source line, a caret under the span and the hint.</summary>
public sealed class TextFormatter(bool color) : IDiagnosticFormatter
{
    public void Write(DiagnosticReport report, TextWriter output)
    {
        foreach (var group in report.Diagnostics.GroupBy(d => d.Path ?? "(spec root)"))
        {
            output.Write(Paint(group.Key, "1") + "\n");
            foreach (var diagnostic in group)
            {
                WriteOne(diagnostic, output);
            }

            output.Write("\n");
        }

        if (report.Waived.Count > 0)
        {
            output.Write(Paint("waived", "1") + "\n");
            foreach (var waived in report.Waived)
            {
                var d = waived.Diagnostic;
                output.Write($"  {d.Path}:{d.Start.Line}:{d.Start.Column} {d.Code} {waived.Target}: {d.Message}\n");
                output.Write($"    = by {waived.Spec.Owner} until {waived.Spec.Expires.Value} ({waived.Spec.Ticket}): {waived.Spec.Reason}\n");
            }

            output.Write("\n");
        }

        output.Write(Summary(report) + "\n");
    }

    private void WriteOne(Diagnostic diagnostic, TextWriter output)
    {
        var start = diagnostic.Start;
        var level = diagnostic.Level.ToString().ToLowerInvariant();
        var levelColor = diagnostic.Level switch { DiagnosticLevel.Error => "31", DiagnosticLevel.Warning => "33", _ => "36" };
        output.Write($"  {start.Line}:{start.Column} {Paint(level, levelColor)} {diagnostic.Code}: {diagnostic.Message}\n");
        if (diagnostic.Location is { } location)
        {
            var lineText = Text.Credentials.HideInLine(location.File.GetLineText(start.Line).Replace('\t', ' '));
            var gutter = new string(' ', start.Line.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
            var end = location.End;
            var width = end.Line == start.Line ? Math.Max(1, end.Column - start.Column) : Math.Max(1, lineText.Length - start.Column + 1);
            var excerpt = SourceExcerpt.Of(lineText, start.Column, width);
            var caret = new StringBuilder().Append(' ', excerpt.CaretOffset).Append('^', excerpt.CaretWidth).ToString();
            output.Write($"  {gutter} |\n");
            output.Write($"  {start.Line} | {excerpt.Text}\n");
            output.Write($"  {gutter} | {Paint(caret, levelColor)}\n");
            output.Write($"  {gutter} = hint: {diagnostic.Hint}\n");
        }
        else
        {
            output.Write($"    = hint: {diagnostic.Hint}\n");
        }
    }

    public static string Summary(DiagnosticReport report)
    {
        var checkedWhat = $"{report.FileCount} {Plural(report.FileCount, "file")} ({report.DocumentCount} {Plural(report.DocumentCount, report.Noun)})";
        var waived = report.Waived.Count > 0 ? $"{report.Waived.Count} waived" : null;
        if (report.Diagnostics.Count == 0)
        {
            return waived is null ? $"no problems in {checkedWhat}" : $"no problems in {checkedWhat}, {waived}";
        }

        var errors = report.Count(DiagnosticLevel.Error);
        var warnings = report.Count(DiagnosticLevel.Warning);
        var infos = report.Count(DiagnosticLevel.Info);
        var parts = new List<string> { $"{errors} {Plural(errors, "error")}", $"{warnings} {Plural(warnings, "warning")}" };
        if (infos > 0)
        {
            parts.Add($"{infos} {Plural(infos, "info")}");
        }

        if (waived is not null)
        {
            parts.Add(waived);
        }

        return $"{string.Join(", ", parts)} in {checkedWhat}";
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
