using System.Text.RegularExpressions;

namespace Telc.PromQL;

/// <summary>
/// Prometheus' type rules over a parsed query: argument types of functions and aggregations, operand types of
/// operators, bool and vector-matching modifiers, selectors that match something, regexes that compile.
/// </summary>
public sealed partial class TypeChecker
{
    private static readonly string[] Comparisons = ["==", "!=", "<", "<=", ">", ">="];
    private static readonly string[] SetOperators = ["and", "or", "unless"];

    private readonly List<PromQLError> errors = [];

    public static IReadOnlyList<PromQLError> Check(Expr root)
    {
        var checker = new TypeChecker();
        checker.TypeOf(root);
        return checker.errors;
    }

    public static ValueType TypeOfExpression(Expr expr) => expr switch
    {
        NumberLiteral => ValueType.Scalar,
        StringLiteral => ValueType.String,
        VectorSelector => ValueType.InstantVector,
        MatrixSelector or SubqueryExpr => ValueType.RangeVector,
        Call call => call.Function.Returns,
        Aggregation => ValueType.InstantVector,
        ParenExpr paren => TypeOfExpression(paren.Inner),
        UnaryExpr unary => TypeOfExpression(unary.Operand),
        BinaryExpr binary => TypeOfExpression(binary.Left) == ValueType.Scalar && TypeOfExpression(binary.Right) == ValueType.Scalar
            ? ValueType.Scalar
            : ValueType.InstantVector,
        _ => ValueType.None,
    };

    private ValueType TypeOf(Expr expr)
    {
        switch (expr)
        {
            case VectorSelector selector:
                CheckSelector(selector);
                break;
            case MatrixSelector matrix:
                CheckSelector(matrix.Selector);
                if (matrix.Range.Value <= TimeSpan.Zero && !matrix.Range.Dynamic)
                {
                    Error("a range must be longer than zero", matrix.Range.Span);
                }

                break;
            case SubqueryExpr subquery:
                CheckOffset(subquery.Offset);
                Expect(subquery.Inner, ValueType.InstantVector, "a subquery");
                if (subquery.Range.Value <= TimeSpan.Zero && !subquery.Range.Dynamic)
                {
                    Error("a subquery range must be longer than zero", subquery.Range.Span);
                }

                if (subquery.Step is { Dynamic: false } step && step.Value <= TimeSpan.Zero)
                {
                    Error("a subquery step must be longer than zero", step.Span);
                }

                break;
            case ParenExpr paren:
                return TypeOf(paren.Inner);
            case UnaryExpr unary:
                var operand = TypeOf(unary.Operand);
                if (operand is not (ValueType.Scalar or ValueType.InstantVector))
                {
                    Error($"unary '{unary.Operator}' applies only to scalars and instant vectors, not to {Describe(operand)}", unary.Span);
                }

                return operand;
            case Call call:
                CheckCall(call);
                break;
            case Aggregation aggregation:
                CheckAggregation(aggregation);
                break;
            case BinaryExpr binary:
                return CheckBinary(binary);
        }

        return TypeOfExpression(expr);
    }

    private void CheckOffset(DurationLiteral? offset)
    {
        if (offset is { Dynamic: false, Value.Ticks: 0 })
        {
            Error("an offset must be longer than zero", offset.Span);
        }
    }

    private void CheckSelector(VectorSelector selector, bool mayMatchEmpty = false)
    {
        CheckOffset(selector.Offset);
        foreach (var matcher in selector.Matchers.Where(m => m.Operator is MatchOperator.Regex or MatchOperator.NotRegex))
        {
            if (RegexProblem(matcher.Value) is { } problem)
            {
                Error($"invalid regular expression in matcher {matcher.Name}: {problem}", matcher.Span);
            }
        }

        if (selector.Name is null && !mayMatchEmpty && selector.Matchers.All(MatchesEmpty))
        {
            Error("a vector selector must contain at least one matcher that does not match the empty string, e.g. a metric name", selector.Span);
        }
    }

    private static bool MatchesEmpty(LabelMatcher matcher)
    {
        switch (matcher.Operator)
        {
            case MatchOperator.Equal:
                return matcher.Value.Length == 0;
            case MatchOperator.NotEqual:
                return matcher.Value.Length != 0;
            default:
                var matches = Re2Syntax.MatchesEmpty(matcher.Value);
                return matches is { } whole && (matcher.Operator == MatchOperator.Regex ? whole : !whole);
        }
    }

    private void CheckCall(Call call)
    {
        var function = call.Function;
        var minimum = function.Arguments.Length - function.Optional - (function.Variadic ? 1 : 0);
        var maximum = function.Variadic ? int.MaxValue : function.Arguments.Length;
        if (call.Arguments.Length < minimum || call.Arguments.Length > maximum)
        {
            var expected = minimum == maximum ? $"{minimum}" : maximum == int.MaxValue ? $"at least {minimum}" : $"{minimum} to {maximum}";
            Error($"function \"{function.Name}\" takes {expected} argument{(maximum == 1 ? string.Empty : "s")}, got {call.Arguments.Length}", call.Span);
            return;
        }

        if (function.Name is "label_replace" or "label_join" && call.Arguments.Length > 1 && Unwrap(call.Arguments[1]) is StringLiteral destination
            && !PrometheusNames.IsLabelName(destination.Value))
        {
            Error($"\"{destination.Value}\" is not a valid label name for the result of {function.Name}", destination.Span);
        }

        if (function.Name == "label_replace" && call.Arguments.Length == 5 && Unwrap(call.Arguments[4]) is StringLiteral pattern && RegexProblem(pattern.Value) is { } problem)
        {
            Error($"invalid regular expression in label_replace: {problem}", pattern.Span);
        }

        for (var i = 0; i < call.Arguments.Length; i++)
        {
            if (function.Name == "info" && i == 1 && call.Arguments[i] is VectorSelector labels)
            {
                // info()'s second argument selects info-metric labels; it may match everything.
                CheckSelector(labels, mayMatchEmpty: true);
                continue;
            }

            var expected = function.Arguments[Math.Min(i, function.Arguments.Length - 1)];
            Expect(call.Arguments[i], expected, $"argument {i + 1} of \"{function.Name}\"");
        }
    }

    private void CheckAggregation(Aggregation aggregation)
    {
        Expect(aggregation.Inner, ValueType.InstantVector, $"the aggregation \"{aggregation.Operator}\"");
        if (aggregation.Parameter is { } parameter)
        {
            Expect(parameter, Aggregators.Parameter(aggregation.Operator), $"the parameter of \"{aggregation.Operator}\"");
        }
    }

    private ValueType CheckBinary(BinaryExpr binary)
    {
        var left = TypeOf(binary.Left);
        var right = TypeOf(binary.Right);
        foreach (var (side, type) in new[] { (binary.Left, left), (binary.Right, right) })
        {
            if (type is not (ValueType.Scalar or ValueType.InstantVector))
            {
                Error($"binary '{binary.Operator}' needs scalars or instant vectors, not {Describe(type)}", side.Span);
                return ValueType.InstantVector;
            }
        }

        var isComparison = Comparisons.Contains(binary.Operator);
        var isSet = SetOperators.Contains(binary.Operator);
        if (binary.ReturnBool && !isComparison)
        {
            Error($"bool applies only to comparison operators, not to '{binary.Operator}'", binary.OperatorSpan);
        }

        if (isSet && (left != ValueType.InstantVector || right != ValueType.InstantVector))
        {
            Error($"set operator '{binary.Operator}' works only between instant vectors", binary.OperatorSpan);
        }

        if (isComparison && left == ValueType.Scalar && right == ValueType.Scalar && !binary.ReturnBool)
        {
            Error("comparisons between scalars must use the bool modifier, e.g. 1 > bool 0", binary.OperatorSpan);
        }

        if (binary.Matching is { } matching)
        {
            if (left != ValueType.InstantVector || right != ValueType.InstantVector)
            {
                Error("vector matching (on, ignoring, group_left, group_right) applies only between instant vectors", matching.Span);
            }

            if (matching.Group is not null && isSet)
            {
                Error($"no grouping (group_left, group_right) is allowed for '{binary.Operator}'", matching.Span);
            }

            foreach (var label in matching.Include.Where(l => matching.On && matching.Labels.Contains(l)))
            {
                Error($"label \"{label}\" must not be in both the on() and the group clause", matching.Span);
            }
        }

        return left == ValueType.Scalar && right == ValueType.Scalar ? ValueType.Scalar : ValueType.InstantVector;
    }

    private void Expect(Expr expr, ValueType expected, string where)
    {
        var actual = TypeOf(expr);
        if (actual != expected)
        {
            var hint = expected == ValueType.RangeVector && actual == ValueType.InstantVector && expr is VectorSelector ? "; add a range such as [5m]" : string.Empty;
            Error($"{where} expects {Describe(expected)}, got {Describe(actual)}{hint}", expr.Span);
        }
    }

    /// <summary>
    /// Why Prometheus (Go's RE2) would refuse the regular expression, or null. .NET accepts more than RE2, so
    /// lookaround, backreferences, atomic groups and possessive quantifiers are refused explicitly.
    /// </summary>
    public static string? RegexProblem(string pattern) => Re2Syntax.Validate(pattern, out _);

    /// <summary>The expression inside any parentheses.</summary>
    public static Expr Unwrap(Expr expr) => expr is ParenExpr paren ? Unwrap(paren.Inner) : expr;


    private void Error(string message, Text.TextSpan span) => errors.Add(new PromQLError(message, span));

    public static string Describe(ValueType type) => type switch
    {
        ValueType.Scalar => "a scalar",
        ValueType.InstantVector => "an instant vector",
        ValueType.RangeVector => "a range vector",
        ValueType.String => "a string",
        _ => "nothing",
    };
}
