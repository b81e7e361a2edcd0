using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// Maps an offset inside a YAML scalar's value back to the file, so an error inside a query points at its exact
/// line and column: exact for plain one-line scalars, simple quoted ones and literal blocks (<c>expr: |</c>);
/// other styles point at the start of the value.
/// </summary>
public static class ScalarOffsets
{
    public static TextSpan Map(SourceLocation scalar, string value, TextSpan inValue)
    {
        var start = Map(scalar, value, inValue.Start);
        var end = Map(scalar, value, inValue.End);
        return end >= start ? TextSpan.FromBounds(start, end) : new TextSpan(start, 0);
    }

    private static int Map(SourceLocation scalar, string value, int offset)
    {
        var text = scalar.File.Text;
        var start = scalar.Span.Start;
        if (start >= text.Length)
        {
            return start;
        }

        switch (text[start])
        {
            case '|':
                return MapLiteralBlock(text, start, offset);
            case '"':
                return MapDoubleQuoted(text, start, offset);
            case '\'':
                var raw = SafeSlice(text, start + 1, value.Length);
                return raw == value ? start + 1 + offset : start;
            case '>':
                return start;
            default:
                return SafeSlice(text, start, value.Length) == value ? start + offset : start;
        }
    }

    /// <summary>
    /// Walks a double-quoted string on one line (YAML's, or a JSON file's): each escape is one character of the value.
    /// A string folded over lines points at its start.
    /// </summary>
    private static int MapDoubleQuoted(string text, int quote, int offset)
    {
        var position = quote + 1;
        for (var remaining = offset; remaining > 0; remaining--)
        {
            if (position >= text.Length || text[position] is '"' or '\n' or '\r')
            {
                return quote;
            }

            position += text[position] != '\\' || position + 1 >= text.Length ? 1 : text[position + 1] switch
            {
                'u' => 6,
                'x' => 4,
                'U' => 10,
                _ => 2,
            };
        }

        return position;
    }

    /// <summary>Walks the block's lines: the value is their text without the block's indentation, joined by line breaks.</summary>
    private static int MapLiteralBlock(string text, int indicator, int offset)
    {
        var position = text.IndexOf('\n', indicator);
        if (position < 0)
        {
            return indicator;
        }

        position++;
        var indentation = -1;
        var remaining = offset;
        while (position < text.Length)
        {
            var lineEnd = text.IndexOf('\n', position);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
            var contentEnd = lineEnd > position && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            var spaces = 0;
            while (position + spaces < contentEnd && text[position + spaces] == ' ')
            {
                spaces++;
            }

            if (indentation < 0 && position + spaces < contentEnd)
            {
                indentation = spaces;
            }

            var lineStart = position + Math.Min(spaces, Math.Max(indentation, 0));
            var length = Math.Max(0, contentEnd - lineStart);
            if (remaining <= length)
            {
                return lineStart + remaining;
            }

            remaining -= length + 1;
            position = lineEnd + 1;
        }

        return text.Length;
    }

    private static string? SafeSlice(string text, int start, int length) =>
        start + length <= text.Length ? text.Substring(start, length) : null;
}
