namespace Telc.Text;

/// <summary>A range of characters in a <see cref="SourceFile"/>, by offset into its decoded text.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));
}
