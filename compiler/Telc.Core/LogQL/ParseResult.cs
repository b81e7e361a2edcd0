using Telc.Text;

namespace Telc.LogQL;

/// <summary>A problem in a LogQL query, at a span of the query text.</summary>
public sealed record LogQLError(string Message, TextSpan Span);

/// <summary>
/// A parsed query: its tree, null when the query breaks LogQL's grammar, and its errors: the syntax error, or what
/// Loki refuses in a well-formed query (a selector that could match every stream, a bad regular expression …).
/// </summary>
public sealed record ParseResult(Expr? Root, IReadOnlyList<LogQLError> Errors)
{
    public bool Success => Errors.Count == 0;
}
