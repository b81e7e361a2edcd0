using Telc.Text;

namespace Telc.LogQL;

public enum TokenKind
{
    EndOfInput,
    Error,
    Identifier,
    Keyword,
    Function,
    String,
    Number,
    Duration,
    Bytes,
    Range,
    Flag,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    Comma,
    Dot,
    Eq,
    Neq,
    Re,
    Nre,
    Npa,
    PipeExact,
    PipeMatch,
    PipePattern,
    Pipe,
    CmpEq,
    Gt,
    Gte,
    Lt,
    Lte,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

/// <summary>
/// A token of a LogQL query. <see cref="Value"/> is the decoded text of a string, the lower-case name of a keyword or
/// function, and the text of everything else; <see cref="Length"/> is the length of a duration, range or byte size.
/// </summary>
public readonly record struct Token(TokenKind Kind, TextSpan Span, string Value, TimeSpan Length = default)
{
    public bool Is(string keyword) => Kind == TokenKind.Keyword && Value == keyword;

    public bool IsFunction(string name) => Kind == TokenKind.Function && Value == name;
}
