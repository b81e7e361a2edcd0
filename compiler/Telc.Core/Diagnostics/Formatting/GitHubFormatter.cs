namespace Telc.Diagnostics.Formatting;

/// <summary>
/// GitHub Actions workflow commands: one annotation per finding (a notice per waived one), shown on the pull request's diff. Paths must be
/// relative to the repository root. GitHub shows at most 10 annotations of each level per step, so the findings in
/// <paramref name="changedFiles"/> (the files a pull request changes) come first, and a notice says when some are only in the log.
/// </summary>
public sealed class GitHubFormatter(IReadOnlySet<string>? changedFiles = null) : IDiagnosticFormatter
{
    private const int AnnotationsShownPerLevel = 10;

    public void Write(DiagnosticReport report, TextWriter output)
    {
        var changed = changedFiles ?? new HashSet<string>();
        foreach (var d in report.Diagnostics.OrderBy(d => d.Path is { } path && changed.Contains(path) ? 0 : 1))
        {
            var command = d.Level switch { DiagnosticLevel.Error => "error", DiagnosticLevel.Warning => "warning", _ => "notice" };
            var properties = new List<string>();
            if (d.Path is { } path)
            {
                properties.Add($"file={Property(path)}");
                properties.Add($"line={d.Start.Line}");
                properties.Add($"col={d.Start.Column}");
                properties.Add($"endLine={d.End.Line}");
                properties.Add($"endColumn={d.End.Column}");
            }

            properties.Add($"title={Property($"{d.Code} {d.Descriptor.Title}")}");
            var message = $"{d.Message}\nhint: {d.Hint}";
            output.Write($"::{command} {string.Join(',', properties)}::{Data(message)}\n");
        }

        foreach (var waived in report.Waived)
        {
            var d = waived.Diagnostic;
            var where = d.Path is { } path ? $" file={Property(path)},line={d.Start.Line},col={d.Start.Column}," : " ";
            output.Write($"::notice{where}title={Property($"waived {d.Code}")}::{Data($"{d.Message}\nwaived by {waived.Spec.Owner} until {waived.Spec.Expires.Value} ({waived.Spec.Ticket}): {waived.Spec.Reason}")}\n");
        }

        var hidden = report.Diagnostics.GroupBy(d => d.Level).Sum(g => Math.Max(0, g.Count() - AnnotationsShownPerLevel));
        if (hidden > 0)
        {
            output.Write($"::notice title=telc::{Data($"{hidden} more findings than GitHub shows as annotations (10 per level); the job log lists them all")}\n");
        }

        output.Write(TextFormatter.Summary(report) + "\n");
    }

    private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
