using System.Globalization;
using Telc.Text;

namespace Telc.LogQL;

/// <summary>
/// Splits a LogQL query into tokens as Loki's lexer does (pkg/logql/syntax/lex.go): keywords in any case, function
/// names only before '(' or by/without, durations and byte sizes glued to their number, ranges read whole between
/// '[' and ']', parser flags such as --strict, and '#' and Go comments.
/// </summary>
public sealed class Lexer
{
    /// <summary>Loki refuses longer queries before parsing them.</summary>
    public const int MaxLength = 131072;

    private static readonly HashSet<string> Keywords =
    [
        "by", "without", "bool", "offset", "on", "ignoring", "group_left", "group_right", "or", "and", "unless", "json", "regexp", "logfmt", "unpack",
        "pattern", "label_format", "line_format", "unwrap", "decolorize", "drop", "keep", "variants", "of",
    ];

    /// <summary>Names that are functions before '(' (or by/without) and label names anywhere else.</summary>
    public static readonly HashSet<string> Functions =
    [
        "rate", "rate_counter", "count_over_time", "bytes_rate", "bytes_over_time", "avg_over_time", "sum_over_time", "min_over_time", "max_over_time",
        "stdvar_over_time", "stddev_over_time", "quantile_over_time", "first_over_time", "last_over_time", "absent_over_time", "vector",
        "sum", "avg", "max", "min", "count", "stddev", "stdvar", "bottomk", "topk", "approx_topk", "sort", "sort_desc", "label_replace",
        "bytes", "duration", "duration_seconds", "ip",
    ];

    private static readonly HashSet<string> ByteUnits =
        ["b", "k", "kb", "ki", "kib", "m", "mb", "mi", "mib", "g", "gb", "gi", "gib", "t", "tb", "ti", "tib", "p", "pb", "pi", "pib"];

    private readonly string text;
    private int position;

    public Lexer(string text) => this.text = text;

    /// <summary>The first lexical error, if any: the parser reports it and stops.</summary>
    public (string Message, TextSpan Span)? Error { get; private set; }

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        if (text.Length >= MaxLength)
        {
            tokens.Add(Fail(0, 1, $"the query is {text.Length} characters long; Loki refuses queries of {MaxLength} characters or more"));
            return tokens;
        }

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
            return NumberDurationOrBytes();
        }

        if (char.IsLetter(c) || c == '_')
        {
            return Word();
        }

        switch (c)
        {
            case '"' or '`':
                var scanned = GoQuotedString.Scan(text, position);
                if (scanned.Error is { } message)
                {
                    return Fail(scanned.ErrorSpan.Start, scanned.ErrorSpan.Length, message);
                }

                position = scanned.End;
                return new Token(TokenKind.String, TextSpan.FromBounds(start, position), scanned.Value!);
            case '\'':
                return Fail(start, 1, "LogQL strings are quoted with \" or `, not '");
            case '[':
                return Range();
            case '-' when At(1) == '-' && Flag() is { } flag:
                return flag;
            case '-' when At(1) is >= '0' and <= '9' or '.' && NegativeDuration() is { } duration:
                return duration;
        }

        var two = At(1);
        var (kind, length) = (c, two) switch
        {
            ('!', '=') => (TokenKind.Neq, 2),
            ('!', '~') => (TokenKind.Nre, 2),
            ('!', '>') => (TokenKind.Npa, 2),
            ('=', '~') => (TokenKind.Re, 2),
            ('=', '=') => (TokenKind.CmpEq, 2),
            ('|', '=') => (TokenKind.PipeExact, 2),
            ('|', '~') => (TokenKind.PipeMatch, 2),
            ('|', '>') => (TokenKind.PipePattern, 2),
            ('>', '=') => (TokenKind.Gte, 2),
            ('<', '=') => (TokenKind.Lte, 2),
            ('=', _) => (TokenKind.Eq, 1),
            ('|', _) => (TokenKind.Pipe, 1),
            ('>', _) => (TokenKind.Gt, 1),
            ('<', _) => (TokenKind.Lt, 1),
            ('(', _) => (TokenKind.LeftParen, 1),
            (')', _) => (TokenKind.RightParen, 1),
            ('{', _) => (TokenKind.LeftBrace, 1),
            ('}', _) => (TokenKind.RightBrace, 1),
            (',', _) => (TokenKind.Comma, 1),
            ('.', _) => (TokenKind.Dot, 1),
            ('+', _) => (TokenKind.Add, 1),
            ('-', _) => (TokenKind.Sub, 1),
            ('*', _) => (TokenKind.Mul, 1),
            ('/', _) => (TokenKind.Div, 1),
            ('%', _) => (TokenKind.Mod, 1),
            ('^', _) => (TokenKind.Pow, 1),
            _ => (TokenKind.Error, 1),
        };
        if (kind == TokenKind.Error)
        {
            return Fail(start, 1, c switch
            {
                ']' => "']' without a '[' before it",
                '!' => "'!' must be followed by =, ~ or >",
                _ => $"unexpected character '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}'",
            });
        }

        position += length;
        return new Token(kind, new TextSpan(start, length), text.Substring(start, length));
    }

    private char At(int ahead) => position + ahead < text.Length ? text[position + ahead] : '\0';

    private Token Word()
    {
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        var word = text[start..position];
        var lower = word.ToLowerInvariant();
        var span = TextSpan.FromBounds(start, position);
        if (Functions.Contains(lower))
        {
            return IsCall() ? new Token(TokenKind.Function, span, lower) : new Token(TokenKind.Identifier, span, word);
        }

        return Keywords.Contains(lower) ? new Token(TokenKind.Keyword, span, lower) : new Token(TokenKind.Identifier, span, word);
    }

    /// <summary>Whether '(' follows, or by/without and then '(': Loki's test that a function name is a call.</summary>
    private bool IsCall()
    {
        var at = SkipSpaces(position);
        if (at < text.Length && text[at] == '(')
        {
            return true;
        }

        foreach (var grouping in (string[])["by", "without"])
        {
            if (string.Compare(text, at, grouping, 0, grouping.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                var after = SkipSpaces(at + grouping.Length);
                return after < text.Length && text[after] == '(';
            }
        }

        return false;
    }

    private int SkipSpaces(int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }

    /// <summary>A number as Go's scanner reads it, then, as Loki does, a duration (5m, 1.5h) or a byte size (10KB) glued to it.</summary>
    private Token NumberDurationOrBytes()
    {
        var start = position;
        if (text[position] == '0' && At(1) is 'x' or 'X')
        {
            position += 2;
            while (position < text.Length && (char.IsAsciiHexDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }
        }
        else
        {
            ScanDigits();
            if (position < text.Length && text[position] == '.')
            {
                position++;
                ScanDigits();
            }

            if (position < text.Length && text[position] is 'e' or 'E')
            {
                position++;
                if (position < text.Length && text[position] is '+' or '-')
                {
                    position++;
                }

                if (position >= text.Length || !char.IsAsciiDigit(text[position]))
                {
                    return Fail(start, position - start, "exponent has no digits");
                }

                ScanDigits();
            }
        }

        return Suffixed(start, TokenKind.Duration, IsDurationPart, text => ParseDuration(text) is not null)
            ?? Suffixed(start, TokenKind.Bytes, c => char.IsDigit(c) || c is 'B' or 'i' or 'k' or 'K' or 'M' or 'G' or 'T' or 'P' or '.', IsByteSize)
            ?? new Token(TokenKind.Number, TextSpan.FromBounds(start, position), text[start..position]);
    }

    /// <summary>Loki's tryScanDuration and tryScanBytes: the characters that may follow, up to a space, must make a whole value.</summary>
    private Token? Suffixed(int start, TokenKind kind, Func<char, bool> part, Func<string, bool> accepts)
    {
        var end = position;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && part(text[end]))
        {
            end++;
        }

        var value = text[start..end];
        if (end == position || !accepts(value))
        {
            return null;
        }

        position = end;
        return new Token(kind, TextSpan.FromBounds(start, end), value, kind == TokenKind.Duration ? ParseDuration(value)!.Value : default);
    }

    private static bool IsDurationPart(char c) => char.IsDigit(c) || c is 'n' or 'u' or 'µ' or 'm' or 's' or 'h' or 'd' or 'w' or 'y' or '.';

    private Token? NegativeDuration()
    {
        var start = position;
        position++;
        var token = Suffixed(start, TokenKind.Duration, IsDurationPart, text => ParseDuration(text) is not null);
        if (token is null)
        {
            position = start;
        }

        return token;
    }

    private Token? Flag()
    {
        var end = position + 2;
        while (end < text.Length && (char.IsLetter(text[end]) || text[end] == '-'))
        {
            end++;
        }

        var flag = text[position..end];
        if (flag is not ("--strict" or "--keep-empty"))
        {
            return end > position + 2 ? Fail(position, end - position, $"unknown parser flag '{flag}'; logfmt takes --strict and --keep-empty") : null;
        }

        var token = new Token(TokenKind.Flag, TextSpan.FromBounds(position, end), flag);
        position = end;
        return token;
    }

    /// <summary>'[' up to ']', read whole as a Prometheus duration: [5m] but not [ 5m ] or [$__auto].</summary>
    private Token Range()
    {
        var start = position;
        var close = text.IndexOf(']', position + 1);
        if (close < 0)
        {
            return Fail(start, text.Length - start, "missing closing ']' in the range");
        }

        var inside = text[(start + 1)..close];
        if (PrometheusDuration(inside) is not { } length)
        {
            return Fail(start, close + 1 - start, inside.Length == 0
                ? "the range [] is empty; write a duration such as [5m]"
                : $"'{inside}' is not a duration; write one such as [5m] or [1h30m], units from y, w, d, h, m, s, ms, each once, largest first");
        }

        position = close + 1;
        return new Token(TokenKind.Range, TextSpan.FromBounds(start, position), inside, length);
    }

    private void ScanDigits()
    {
        while (position < text.Length && (char.IsAsciiDigit(text[position]) || (text[position] == '_' && position + 1 < text.Length && char.IsAsciiDigit(text[position + 1]))))
        {
            position++;
        }
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
            else if (c == '#' || (c == '/' && At(1) == '/'))
            {
                while (position < text.Length && text[position] != '\n')
                {
                    position++;
                }
            }
            else if (c == '/' && At(1) == '*')
            {
                var end = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
                position = end < 0 ? text.Length : end + 2;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Prometheus' model.ParseDuration: 0, or units y w d h m s ms, each once, largest first.</summary>
    public static TimeSpan? PrometheusDuration(string text) =>
        text == "0" ? TimeSpan.Zero : Spec.Values.Duration.TryParse(text)?.Value;

    /// <summary>Loki's parseDuration: a Prometheus duration, else a Go one (1.5h, 100us, -5s).</summary>
    private static TimeSpan? ParseDuration(string text) => PrometheusDuration(text) ?? GoDuration(text);

    private static TimeSpan? GoDuration(string text)
    {
        var rest = text.AsSpan();
        var negative = rest.Length > 0 && rest[0] == '-';
        if (rest.Length > 0 && rest[0] is '-' or '+')
        {
            rest = rest[1..];
        }

        if (rest is "0")
        {
            return TimeSpan.Zero;
        }

        if (rest.IsEmpty)
        {
            return null;
        }

        var total = 0.0;
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            var unitLength = 0;
            while (digits + unitLength < rest.Length && !char.IsAsciiDigit(rest[digits + unitLength]) && rest[digits + unitLength] != '.')
            {
                unitLength++;
            }

            if (digits == 0 || rest[..digits] is "." || !double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return null;
            }

            double? nanoseconds = rest.Slice(digits, unitLength) switch
            {
                "ns" => 1,
                "us" or "µs" => 1e3,
                "ms" => 1e6,
                "s" => 1e9,
                "m" => 60e9,
                "h" => 3600e9,
                _ => null,
            };
            if (nanoseconds is null)
            {
                return null;
            }

            total += amount * nanoseconds.Value;
            rest = rest[(digits + unitLength)..];
        }

        return total > long.MaxValue ? null : TimeSpan.FromTicks((long)(total / 100) * (negative ? -1 : 1));
    }

    /// <summary>go-humanize's ParseBytes for the units Loki's lexer lets through: 10KB, 1.5MiB, 512B, 2k.</summary>
    private static bool IsByteSize(string text)
    {
        var digits = 0;
        while (digits < text.Length && (char.IsAsciiDigit(text[digits]) || text[digits] == '.'))
        {
            digits++;
        }

        return digits > 0 && ByteUnits.Contains(text[digits..].ToLowerInvariant())
            && double.TryParse(text.AsSpan(0, digits), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
    }

    private Token Fail(int start, int length, string message)
    {
        var span = new TextSpan(start, Math.Max(1, Math.Min(length, text.Length - start)));
        Error = (message, span);
        return new Token(TokenKind.Error, span, message);
    }
}
