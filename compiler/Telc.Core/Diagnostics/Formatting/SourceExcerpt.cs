namespace Telc.Diagnostics.Formatting;

/// <summary>
/// The part of a source line shown under a finding, with the caret's place in it. Long lines (minified JSON rule files,
/// one-line queries) are cut to a window around the span so that a finding prints one screen line, not the whole file.
/// </summary>
public sealed record SourceExcerpt(string Text, int CaretOffset, int CaretWidth)
{
    public const int MaxWidth = 120;
    private const int LeadingContext = 40;
    private const string Ellipsis = "…";

    /// <param name="line">The full source line, tabs already replaced.</param>
    /// <param name="startColumn">1-based column where the span starts.</param>
    /// <param name="width">Span width in columns on this line (at least 1).</param>
    public static SourceExcerpt Of(string line, int startColumn, int width)
    {
        // A control character in the quoted line would act on the terminal or the CI log: each shows as one '�', keeping the caret's column.
        line = new string([.. line.TrimEnd().Select(c => char.IsControl(c) ? '\uFFFD' : c)]);
        var start = Math.Max(0, startColumn - 1);
        if (line.Length <= MaxWidth)
        {
            return new SourceExcerpt(line, start, width);
        }

        var from = Math.Clamp(start - LeadingContext, 0, Math.Max(0, line.Length - MaxWidth));
        var to = Math.Min(line.Length, from + MaxWidth);
        var prefix = from > 0 ? Ellipsis : string.Empty;
        var suffix = to < line.Length ? Ellipsis : string.Empty;
        var caretOffset = prefix.Length + Math.Min(start, to) - from;
        var caretWidth = Math.Max(1, Math.Min(width, to - Math.Min(start, to)));
        return new SourceExcerpt(prefix + line[from..to] + suffix, caretOffset, caretWidth);
    }
}
