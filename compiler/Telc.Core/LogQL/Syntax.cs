using System.Collections.Immutable;
using Telc.Text;

namespace Telc.LogQL;

/// <summary>A LogQL expression, with the span of query text it covers.</summary>
public abstract record Expr(TextSpan Span);

/// <summary>A log query: a stream selector and its pipeline, with an unwrap stage where a range aggregation reads numbers from it.</summary>
public sealed record LogQuery(Selector Selector, ImmutableArray<Stage> Stages, TextSpan? Unwrap, TextSpan Span) : Expr(Span);

/// <summary>A log query over a time range, [5m], the argument of a range aggregation.</summary>
public sealed record LogRange(LogQuery Query, TimeSpan Range, TextSpan Span) : Expr(Span);

/// <summary>rate(…), count_over_time(…), quantile_over_time(0.99, …) and the other functions over a log range.</summary>
public sealed record RangeAggregation(string Operation, LogRange Range, TextSpan Span) : Expr(Span);

/// <summary>sum, avg, topk … over a metric query, with its grouping labels.</summary>
public sealed record VectorAggregation(string Operation, Expr Inner, ImmutableArray<string> Grouping, TextSpan Span) : Expr(Span);

public sealed record BinaryOperation(string Operator, Expr Left, Expr Right, TextSpan Span) : Expr(Span);

public sealed record NumberLiteral(double Value, TextSpan Span) : Expr(Span);

/// <summary>vector(1): a series without labels.</summary>
public sealed record VectorLiteral(double Value, TextSpan Span) : Expr(Span);

public sealed record LabelReplace(Expr Inner, TextSpan Span) : Expr(Span);

/// <summary>variants(metric queries…) of (log range): several metric queries over one read of the logs.</summary>
public sealed record Variants(ImmutableArray<Expr> Queries, LogRange Range, TextSpan Span) : Expr(Span);

/// <summary>The stream selector {…}: the only part of a log query that picks streams by their index labels.</summary>
public sealed record Selector(ImmutableArray<Matcher> Matchers, TextSpan Span);

public enum MatchType
{
    Equal,
    NotEqual,
    Regexp,
    NotRegexp,
}

/// <summary>One label matcher of a stream selector; <see cref="MatchesEmpty"/> when a stream without the label passes it.</summary>
public sealed record Matcher(string Name, MatchType Type, string Value, bool MatchesEmpty, TextSpan NameSpan, TextSpan Span);

/// <summary>One stage of a pipeline, named as in LogQL (json, logfmt, line filter, label filter …).</summary>
public sealed record Stage(string Name, TextSpan Span);

/// <summary>What a query returns, as the places that use one see it.</summary>
public enum ResultType
{
    Logs,
    LogRange,
    Vector,
    Scalar,
}
