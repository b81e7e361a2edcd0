namespace Telc.Diagnostics.Formatting;

/// <summary>What every output format prints: the findings and what was checked.</summary>
public sealed record DiagnosticReport(IReadOnlyList<Diagnostic> Diagnostics, int FileCount, int DocumentCount)
{
    public int Count(DiagnosticLevel level) => Diagnostics.Count(d => d.Level == level);

    public static string ToolVersion { get; } =
        typeof(DiagnosticReport).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";
}
