using Telc.Text;

namespace Telc.PromQL;

public enum TokenKind
{
    EndOfInput,
    Error,
    Identifier,
    MetricIdentifier,
    Number,
    Duration,
    String,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    At,
    Assign,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Eql,
    Neq,
    Lss,
    Lte,
    Gtr,
    Gte,
    EqlRegex,
    NeqRegex,
    TrimUpper,
    TrimLower,
}

/// <summary>A token of a PromQL query; <see cref="Value"/> is the decoded text of strings and the text of everything else.</summary>
public readonly record struct Token(TokenKind Kind, TextSpan Span, string Value)
{
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && string.Equals(Value, keyword, StringComparison.OrdinalIgnoreCase);
}
