namespace Telc.Text;

/// <summary>A span inside a specific file: what every diagnostic and every spec node points at.</summary>
public sealed record SourceLocation(SourceFile File, TextSpan Span)
{
    public LinePosition Start => File.GetPosition(Span.Start);

    public LinePosition End => File.GetPosition(Span.End);

    public override string ToString() => $"{File.Path}:{Start}";
}
