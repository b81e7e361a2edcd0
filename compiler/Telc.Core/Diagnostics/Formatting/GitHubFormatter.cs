namespace Telc.Diagnostics.Formatting;

/// <summary>GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff.</summary>
public sealed class GitHubFormatter : IDiagnosticFormatter
{
    public void Write(DiagnosticReport report, TextWriter output)
    {
        foreach (var d in report.Diagnostics)
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
            var message = d.Hint is null ? d.Message : $"{d.Message}\nhint: {d.Hint}";
            output.Write($"::{command} {string.Join(',', properties)}::{Data(message)}\n");
        }

        output.Write(TextFormatter.Summary(report) + "\n");
    }

    private static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
