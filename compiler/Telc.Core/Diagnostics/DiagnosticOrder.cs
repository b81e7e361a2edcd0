namespace Telc.Diagnostics;

public static class DiagnosticOrder
{
    /// <summary>The order every report uses: by file, position, code and message, so output never depends on how checks ran.</summary>
    public static IReadOnlyList<Diagnostic> Ordered(this IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.Path ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Span.Start ?? -1)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToArray();
}
