using Telc.Text;

namespace Telc.PromQL;

/// <summary>A problem in a query, at a span of the query text.</summary>
public sealed record PromQLError(string Message, TextSpan Span);

/// <summary>A parsed query: its tree (null when it does not parse) and its errors, syntax first.</summary>
public sealed record ParseResult(Expr? Root, IReadOnlyList<PromQLError> Errors)
{
    public bool Success => Errors.Count == 0;
}
