using System.Globalization;
using System.Text;

namespace Telc.Text;

/// <summary>
/// A quoted string as Go's scanner and strconv.Unquote read it, which PromQL and LogQL share: "…" and '…' with Go's
/// escapes on one line, `…` raw over any number of lines.
/// </summary>
public static class GoQuotedString
{
    /// <summary>The string that starts at <paramref name="start"/> (on its quote): its decoded value and where it ends, or why it is refused.</summary>
    public static ScannedString Scan(string text, int start)
    {
        var quote = text[start];
        var position = start + 1;
        var value = new StringBuilder();
        while (true)
        {
            if (position >= text.Length || (quote != '`' && text[position] == '\n'))
            {
                return ScannedString.Fail(text, start, position - start, "unterminated quoted string");
            }

            var c = text[position];
            if (c == quote)
            {
                return new ScannedString(value.ToString(), position + 1, null, default);
            }

            if (c == '\\' && quote != '`')
            {
                if (Escape(text, ref position, quote, value) is { } error)
                {
                    return error;
                }

                continue;
            }

            value.Append(c);
            position++;
        }
    }

    /// <summary>Go's escapes: \a \b \f \n \r \t \v \\ \' \" (the quote in use), \xHH, \uHHHH, \UHHHHHHHH, \ooo.</summary>
    private static ScannedString? Escape(string text, ref int position, char quote, StringBuilder value)
    {
        var escapeStart = position;
        position++;
        if (position >= text.Length)
        {
            return ScannedString.Fail(text, escapeStart, 1, "unterminated quoted string");
        }

        var c = text[position];
        position++;
        switch (c)
        {
            case 'a': value.Append('\a'); return null;
            case 'b': value.Append('\b'); return null;
            case 'f': value.Append('\f'); return null;
            case 'n': value.Append('\n'); return null;
            case 'r': value.Append('\r'); return null;
            case 't': value.Append('\t'); return null;
            case 'v': value.Append('\v'); return null;
            case '\\': value.Append('\\'); return null;
            case '"' or '\'' when c == quote: value.Append(c); return null;
            case 'x' or 'u' or 'U':
                var digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                if (position + digits > text.Length || !text.AsSpan(position, digits).ToString().All(char.IsAsciiHexDigit)
                    || !int.TryParse(text.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                    || code > 0x10FFFF || (code is >= 0xD800 and <= 0xDFFF))
                {
                    return ScannedString.Fail(text, escapeStart, Math.Min(text.Length, position + digits) - escapeStart, "invalid escape sequence");
                }

                position += digits;
                value.Append(c == 'x' ? ((char)code).ToString() : char.ConvertFromUtf32(code));
                return null;
            case >= '0' and <= '7':
                if (position + 2 > text.Length || text[position] is < '0' or > '7' || text[position + 1] is < '0' or > '7')
                {
                    return ScannedString.Fail(text, escapeStart, 2, "invalid octal escape sequence");
                }

                var octal = ((c - '0') * 64) + ((text[position] - '0') * 8) + (text[position + 1] - '0');
                if (octal > 255)
                {
                    return ScannedString.Fail(text, escapeStart, 4, "octal escape value > 255");
                }

                position += 2;
                value.Append((char)octal);
                return null;
            default:
                return ScannedString.Fail(text, escapeStart, 2, $"unknown escape sequence '\\{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}'");
        }
    }
}

/// <summary>A scanned string: its <see cref="Value"/> and the offset after its closing quote, or an <see cref="Error"/> at <see cref="ErrorSpan"/>.</summary>
public readonly record struct ScannedString(string? Value, int End, string? Error, TextSpan ErrorSpan)
{
    public static ScannedString Fail(string text, int start, int length, string message) =>
        new(null, start, message, new TextSpan(start, Math.Max(1, Math.Min(length, text.Length - start))));
}
