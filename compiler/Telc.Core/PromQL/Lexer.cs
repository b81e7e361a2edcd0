using System.Globalization;
using System.Text;
using Telc.Text;

namespace Telc.PromQL;

/// <summary>Splits a PromQL query into tokens, as Prometheus' lexer does: Go string escapes, durations, comments.</summary>
public sealed class Lexer
{
    private readonly string text;
    private int position;
    private int bracketDepth;

    public Lexer(string text) => this.text = text;

    /// <summary>The first lexical error, if any: the parser reports it and stops.</summary>
    public (string Message, TextSpan Span)? Error { get; private set; }

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind is TokenKind.EndOfInput or TokenKind.Error)
            {
                return tokens;
            }
        }
    }

    private Token Next()
    {
        SkipSpaceAndComments();
        if (position >= text.Length)
        {
            return new Token(TokenKind.EndOfInput, new TextSpan(text.Length, 0), string.Empty);
        }

        var start = position;
        var c = text[position];
        if (char.IsAsciiDigit(c) || (c == '.' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1])))
        {
            return NumberOrDuration();
        }

        // Inside [ ] a colon separates a subquery's range and step; elsewhere it may start a metric name.
        if (IsIdentifierStart(c) || (c == ':' && bracketDepth == 0))
        {
            var metric = false;
            while (position < text.Length && (IsIdentifierPart(text[position]) || text[position] == ':'))
            {
                metric |= text[position] == ':';
                position++;
            }

            var word = text[start..position];
            return new Token(metric ? TokenKind.MetricIdentifier : TokenKind.Identifier, TextSpan.FromBounds(start, position), word);
        }

        if (c is '"' or '\'' or '`')
        {
            return StringLiteral(c);
        }

        position++;
        var two = position < text.Length ? text[position] : '\0';
        var kind = (c, two) switch
        {
            ('=', '=') => Advance(TokenKind.Eql),
            ('=', '~') => Advance(TokenKind.EqlRegex),
            ('!', '=') => Advance(TokenKind.Neq),
            ('!', '~') => Advance(TokenKind.NeqRegex),
            ('<', '=') => Advance(TokenKind.Lte),
            ('>', '=') => Advance(TokenKind.Gte),
            ('<', '/') => Advance(TokenKind.TrimUpper),
            ('>', '/') => Advance(TokenKind.TrimLower),
            ('=', _) => TokenKind.Assign,
            ('<', _) => TokenKind.Lss,
            ('>', _) => TokenKind.Gtr,
            ('(', _) => TokenKind.LeftParen,
            (')', _) => TokenKind.RightParen,
            ('{', _) => TokenKind.LeftBrace,
            ('}', _) => TokenKind.RightBrace,
            ('[', _) => TokenKind.LeftBracket,
            (']', _) => TokenKind.RightBracket,
            (',', _) => TokenKind.Comma,
            (':', _) => TokenKind.Colon,
            ('@', _) => TokenKind.At,
            ('+', _) => TokenKind.Add,
            ('-', _) => TokenKind.Sub,
            ('*', _) => TokenKind.Mul,
            ('/', _) => TokenKind.Div,
            ('%', _) => TokenKind.Mod,
            ('^', _) => TokenKind.Pow,
            _ => TokenKind.Error,
        };
        bracketDepth += kind == TokenKind.LeftBracket ? 1 : kind == TokenKind.RightBracket && bracketDepth > 0 ? -1 : 0;
        if (kind == TokenKind.Error)
        {
            return Fail(start, 1, c == '!' ? "unexpected character after '!'" : $"unexpected character '{Printable(c)}'");
        }

        return new Token(kind, TextSpan.FromBounds(start, position), text[start..position]);
    }

    private TokenKind Advance(TokenKind kind)
    {
        position++;
        return kind;
    }

    private void SkipSpaceAndComments()
    {
        while (position < text.Length)
        {
            var c = text[position];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                position++;
            }
            else if (c == '#')
            {
                while (position < text.Length && text[position] != '\n')
                {
                    position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Numbers (decimal, hex, exponent) and durations such as 5m or 1h30m; durations need their units largest first.</summary>
    private Token NumberOrDuration()
    {
        var start = position;
        if (text[position] == '0' && position + 1 < text.Length && text[position + 1] is 'x' or 'X')
        {
            position += 2;
            while (position < text.Length && char.IsAsciiHexDigit(text[position]))
            {
                position++;
            }

            return Finish(start, TokenKind.Number);
        }

        ScanDigits();
        if (position < text.Length && IsDurationUnitStart(position))
        {
            // A duration: digits and units, repeated.
            var lastRank = -1;
            while (true)
            {
                var (unit, rank) = DurationUnit(position);
                if (unit is null)
                {
                    return Fail(start, position - start + 1, $"bad duration '{text[start..Math.Min(text.Length, position + 1)]}'");
                }

                if (rank <= lastRank)
                {
                    return Fail(start, position + unit.Length - start, $"duration units must go from largest to smallest, each once: '{text[start..(position + unit.Length)]}'");
                }

                lastRank = rank;
                position += unit.Length;
                if (position >= text.Length || !char.IsAsciiDigit(text[position]))
                {
                    break;
                }

                ScanDigits();
                if (position >= text.Length || !IsDurationUnitStart(position))
                {
                    return Fail(start, position - start, $"bad duration '{text[start..position]}': a number without a unit");
                }
            }

            if (position < text.Length && IsIdentifierPart(text[position]))
            {
                return Fail(start, position - start + 1, $"bad duration '{text[start..(position + 1)]}'");
            }

            return Finish(start, TokenKind.Duration);
        }

        if (position < text.Length && text[position] == '.')
        {
            position++;
            ScanDigits();
        }

        if (position < text.Length && text[position] is 'e' or 'E')
        {
            var save = position;
            position++;
            if (position < text.Length && text[position] is '+' or '-')
            {
                position++;
            }

            if (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                ScanDigits();
            }
            else
            {
                position = save;
            }
        }

        if (position < text.Length && (IsIdentifierPart(text[position]) || text[position] == '.'))
        {
            return Fail(start, position - start + 1, $"bad number or duration syntax: '{text[start..(position + 1)]}'");
        }

        return Finish(start, TokenKind.Number);
    }

    private void ScanDigits()
    {
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }
    }

    private bool IsDurationUnitStart(int at) => DurationUnit(at).Unit is not null;

    private (string? Unit, int Rank) DurationUnit(int at)
    {
        if (at >= text.Length)
        {
            return (null, -1);
        }

        if (text[at] == 'm' && at + 1 < text.Length && text[at + 1] == 's')
        {
            return ("ms", 6);
        }

        return text[at] switch
        {
            'y' => ("y", 0),
            'w' => ("w", 1),
            'd' => ("d", 2),
            'h' => ("h", 3),
            'm' => ("m", 4),
            's' => ("s", 5),
            _ => (null, -1),
        };
    }

    private Token StringLiteral(char quote)
    {
        var start = position;
        position++;
        var value = new StringBuilder();
        while (true)
        {
            if (position >= text.Length || (quote != '`' && text[position] == '\n'))
            {
                return Fail(start, position - start, "unterminated quoted string");
            }

            var c = text[position];
            if (c == quote)
            {
                position++;
                return new Token(TokenKind.String, TextSpan.FromBounds(start, position), value.ToString());
            }

            if (c == '\\' && quote != '`')
            {
                if (!Escape(quote, value, out var error))
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
    private bool Escape(char quote, StringBuilder value, out Token error)
    {
        error = default;
        var escapeStart = position;
        position++;
        if (position >= text.Length)
        {
            error = Fail(escapeStart, 1, "unterminated quoted string");
            return false;
        }

        var c = text[position];
        position++;
        switch (c)
        {
            case 'a': value.Append('\a'); return true;
            case 'b': value.Append('\b'); return true;
            case 'f': value.Append('\f'); return true;
            case 'n': value.Append('\n'); return true;
            case 'r': value.Append('\r'); return true;
            case 't': value.Append('\t'); return true;
            case 'v': value.Append('\v'); return true;
            case '\\': value.Append('\\'); return true;
            case '"' or '\'' when c == quote: value.Append(c); return true;
            case 'x' or 'u' or 'U':
                var digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                if (position + digits > text.Length || !int.TryParse(text.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                    || !text.AsSpan(position, digits).ToString().All(char.IsAsciiHexDigit) || code > 0x10FFFF || (code is >= 0xD800 and <= 0xDFFF))
                {
                    error = Fail(escapeStart, Math.Min(text.Length, position + digits) - escapeStart, "invalid escape sequence");
                    return false;
                }

                position += digits;
                value.Append(c == 'x' ? ((char)code).ToString() : char.ConvertFromUtf32(code));
                return true;
            case >= '0' and <= '7':
                if (position + 2 > text.Length || text[position] is < '0' or > '7' || text[position + 1] is < '0' or > '7')
                {
                    error = Fail(escapeStart, 2, "invalid octal escape sequence");
                    return false;
                }

                var octal = ((c - '0') * 64) + ((text[position] - '0') * 8) + (text[position + 1] - '0');
                if (octal > 255)
                {
                    error = Fail(escapeStart, 4, "octal escape value > 255");
                    return false;
                }

                position += 2;
                value.Append((char)octal);
                return true;
            default:
                error = Fail(escapeStart, 2, $"unknown escape sequence '\\{Printable(c)}'");
                return false;
        }
    }

    private Token Finish(int start, TokenKind kind) => new(kind, TextSpan.FromBounds(start, position), text[start..position]);

    private Token Fail(int start, int length, string message)
    {
        var span = new TextSpan(start, Math.Max(1, Math.Min(length, text.Length - start)));
        Error = (message, span);
        return new Token(TokenKind.Error, span, message);
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static string Printable(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
}
