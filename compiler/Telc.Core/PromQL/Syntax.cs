using System.Collections.Immutable;
using Telc.Text;

namespace Telc.PromQL;

/// <summary>The type of value an expression evaluates to.</summary>
public enum ValueType
{
    None,
    Scalar,
    InstantVector,
    RangeVector,
    String,
}

/// <summary>A node of the PromQL syntax tree; spans are offsets into the query text.</summary>
public abstract record Expr(TextSpan Span);

public sealed record NumberLiteral(double Value, string Text, TextSpan Span) : Expr(Span);

public sealed record StringLiteral(string Value, TextSpan Span) : Expr(Span);

public enum MatchOperator
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

public sealed record LabelMatcher(string Name, MatchOperator Operator, string Value, TextSpan Span);

/// <summary>An `@` modifier: a timestamp, or the start or end of the query range.</summary>
public sealed record AtModifier(double? Timestamp, string? Preprocessor, TextSpan Span);

/// <summary>
/// A duration as written: <c>5m</c>, <c>1h30m</c>, a number of seconds, or a duration expression such as
/// <c>5m + step()</c>, whose value is only known at query time when it uses step() or range() (<see cref="Dynamic"/>).
/// </summary>
public sealed record DurationLiteral(TimeSpan Value, string Text, TextSpan Span, bool Dynamic = false);

public sealed record VectorSelector(
    string? Name,
    ImmutableArray<LabelMatcher> Matchers,
    DurationLiteral? Offset,
    bool NegativeOffset,
    AtModifier? At,
    TextSpan Span,
    string? Extension = null) : Expr(Span);

/// <summary>A range selector; <paramref name="Extension"/> is the experimental <c>anchored</c> or <c>smoothed</c> modifier.</summary>
public sealed record MatrixSelector(VectorSelector Selector, DurationLiteral Range, string? Extension, TextSpan Span) : Expr(Span);

public sealed record SubqueryExpr(
    Expr Inner,
    DurationLiteral Range,
    DurationLiteral? Step,
    DurationLiteral? Offset,
    bool NegativeOffset,
    AtModifier? At,
    TextSpan Span) : Expr(Span);

public sealed record Call(Function Function, ImmutableArray<Expr> Arguments, TextSpan NameSpan, TextSpan Span) : Expr(Span);

public sealed record Aggregation(
    string Operator,
    Expr Inner,
    Expr? Parameter,
    ImmutableArray<string> Grouping,
    bool Without,
    bool HasGrouping,
    TextSpan Span) : Expr(Span);

public sealed record VectorMatching(bool On, ImmutableArray<string> Labels, string? Group, ImmutableArray<string> Include, TextSpan Span);

/// <summary>The experimental fill modifiers: values for series missing on the left, the right, or either side.</summary>
public sealed record FillModifier(double? Left, double? Right, TextSpan Span);

public sealed record BinaryExpr(
    string Operator, Expr Left, Expr Right, bool ReturnBool, VectorMatching? Matching, TextSpan OperatorSpan, TextSpan Span, FillModifier? Fill = null) : Expr(Span);

public sealed record UnaryExpr(string Operator, Expr Operand, TextSpan Span) : Expr(Span);

public sealed record ParenExpr(Expr Inner, TextSpan Span) : Expr(Span);
