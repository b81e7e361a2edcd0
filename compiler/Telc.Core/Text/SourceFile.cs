namespace Telc.Text;

/// <summary>
/// One spec file as read from the working tree or a git ref. <see cref="Path"/> is what users see
/// in diagnostics (relative to the current directory, '/' separated); <see cref="SpecPath"/> is relative
/// to the spec root and drives folder conventions such as <c>teams/&lt;team&gt;/</c>.
/// </summary>
public sealed class SourceFile
{
    private int[]? lineStarts;

    public SourceFile(string path, string specPath, string text)
    {
        Path = path;
        SpecPath = specPath;
        Text = text;
    }

    public string Path { get; }

    public string SpecPath { get; }

    public string Text { get; }

    public LinePosition GetPosition(int offset)
    {
        var starts = LineStarts;
        offset = Math.Clamp(offset, 0, Text.Length);
        if (offset == Text.Length && offset > 0 && Text[offset - 1] is '\n' or '\r')
        {
            offset--; // the end of a file that ends with a line break is the end of its last line
            if (offset > 0 && Text[offset] == '\n' && Text[offset - 1] == '\r')
            {
                offset--;
            }
        }

        var line = Array.BinarySearch(starts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line + 1, offset - starts[line] + 1);
    }

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string GetLineText(int line)
    {
        var starts = LineStarts;
        if (line < 1 || line > starts.Length)
        {
            return string.Empty;
        }

        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return Text[start..end];
    }

    public SourceLocation Locate(TextSpan span) => new(this, span);

    private int[] LineStarts => lineStarts ??= ComputeLineStarts(Text);

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}
