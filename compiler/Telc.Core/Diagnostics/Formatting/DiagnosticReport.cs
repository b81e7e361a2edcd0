namespace Telc.Diagnostics.Formatting;

/// <summary>What every output format prints: the findings and what was checked.</summary>
/// <param name="Noun">What <paramref name="DocumentCount"/> counts: documents of a spec, expressions of rule files.</param>
public sealed record DiagnosticReport(IReadOnlyList<Diagnostic> Diagnostics, int FileCount, int DocumentCount, string Noun = "document")
{
    /// <summary>Policy findings that waivers accepted: not counted, but listed.</summary>
    public IReadOnlyList<Policies.WaivedFinding> Waived { get; init; } = [];

    public int Count(DiagnosticLevel level) => Diagnostics.Count(d => d.Level == level);

    public static string ToolVersion { get; } =
        typeof(DiagnosticReport).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";
}
