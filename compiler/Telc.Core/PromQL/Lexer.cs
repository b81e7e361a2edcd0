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
            return StringLiteral();
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

    private Token StringLiteral()
    {
        var start = position;
        var scanned = GoQuotedString.Scan(text, position);
        if (scanned.Error is { } message)
        {
            return Fail(scanned.ErrorSpan.Start, scanned.ErrorSpan.Length, message);
        }

        position = scanned.End;
        return new Token(TokenKind.String, TextSpan.FromBounds(start, position), scanned.Value!);
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
