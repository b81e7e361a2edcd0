using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Telc.PromQL;

/// <summary>
/// Prints a query in one canonical layout: single spaces around binary operators, grouping after the aggregation
/// name, double-quoted strings, no comments. The output parses back to the same tree (parentheses are kept as written).
/// </summary>
public static partial class Formatter
{
    public static string Format(Expr expr)
    {
        var text = new StringBuilder();
        Write(expr, text);
        return text.ToString();
    }

    private static void Write(Expr expr, StringBuilder text)
    {
        switch (expr)
        {
            case NumberLiteral number:
                text.Append(number.Text);
                break;
            case StringLiteral literal:
                text.Append(Quote(literal.Value));
                break;
            case VectorSelector selector:
                WriteSelector(selector, text);
                WriteModifiers(selector.Offset, selector.NegativeOffset, selector.At, text);
                break;
            case MatrixSelector matrix:
                WriteSelector(matrix.Selector with { Extension = null }, text);
                text.Append('[').Append(matrix.Range.Text).Append(']');
                if (matrix.Extension is { } extension)
                {
                    text.Append(' ').Append(extension);
                }

                WriteModifiers(matrix.Selector.Offset, matrix.Selector.NegativeOffset, matrix.Selector.At, text);
                break;
            case SubqueryExpr subquery:
                Write(subquery.Inner, text);
                text.Append('[').Append(subquery.Range.Text).Append(':').Append(subquery.Step?.Text).Append(']');
                WriteModifiers(subquery.Offset, subquery.NegativeOffset, subquery.At, text);
                break;
            case Call call:
                text.Append(call.Function.Name).Append('(');
                WriteList(call.Arguments, text);
                text.Append(')');
                break;
            case Aggregation aggregation:
                text.Append(aggregation.Operator);
                if (aggregation.HasGrouping)
                {
                    text.Append(aggregation.Without ? " without " : " by ").Append('(').Append(string.Join(", ", aggregation.Grouping.Select(Label))).Append(") ");
                }

                text.Append('(');
                WriteList(aggregation.Parameter is null ? [aggregation.Inner] : [aggregation.Parameter, aggregation.Inner], text);
                text.Append(')');
                break;
            case ParenExpr paren:
                text.Append('(');
                Write(paren.Inner, text);
                text.Append(')');
                break;
            case UnaryExpr unary:
                text.Append(unary.Operator);
                Write(unary.Operand, text);
                break;
            case BinaryExpr binary:
                Write(binary.Left, text);
                text.Append(' ').Append(binary.Operator);
                if (binary.ReturnBool)
                {
                    text.Append(" bool");
                }

                if (binary.Matching is { } matching)
                {
                    text.Append(matching.On ? " on(" : " ignoring(").Append(string.Join(", ", matching.Labels.Select(Label))).Append(')');
                    if (matching.Group is { } group)
                    {
                        text.Append(' ').Append(group);
                        if (!matching.Include.IsEmpty)
                        {
                            text.Append('(').Append(string.Join(", ", matching.Include.Select(Label))).Append(')');
                        }
                    }
                }

                if (binary.Fill is { } fill)
                {
                    if (fill.Left == fill.Right || (fill.Left is double.NaN && fill.Right is double.NaN))
                    {
                        text.Append(" fill(").Append(Number(fill.Left!.Value)).Append(')');
                    }
                    else
                    {
                        if (fill.Left is { } left)
                        {
                            text.Append(" fill_left(").Append(Number(left)).Append(')');
                        }

                        if (fill.Right is { } right)
                        {
                            text.Append(" fill_right(").Append(Number(right)).Append(')');
                        }
                    }
                }

                text.Append(' ');
                Write(binary.Right, text);
                break;
        }
    }

    private static void WriteList(IEnumerable<Expr> items, StringBuilder text)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(", ");
            }

            Write(item, text);
            first = false;
        }
    }

    private static void WriteSelector(VectorSelector selector, StringBuilder text)
    {
        var quotedName = selector.Name is not null && (!PrometheusNames.IsMetricName(selector.Name)
            || selector.Name.Equals("inf", StringComparison.OrdinalIgnoreCase) || selector.Name.Equals("nan", StringComparison.OrdinalIgnoreCase));
        if (selector.Name is not null && !quotedName)
        {
            text.Append(selector.Name);
        }

        if (quotedName || !selector.Matchers.IsEmpty || selector.Name is null)
        {
            var parts = selector.Matchers.Select(m => Label(m.Name) + Operator(m.Operator) + Quote(m.Value));
            text.Append('{').Append(string.Join(", ", quotedName ? parts.Prepend(Quote(selector.Name!)) : parts)).Append('}');
        }

        if (selector.Extension is { } extension)
        {
            text.Append(' ').Append(extension);
        }
    }

    private static void WriteModifiers(DurationLiteral? offset, bool negative, AtModifier? at, StringBuilder text)
    {
        if (offset is not null)
        {
            text.Append(" offset ").Append(negative ? "-" : string.Empty).Append(offset.Text);
        }

        if (at is not null)
        {
            text.Append(" @ ").Append(at.Preprocessor is { } function ? function + "()" : Number(at.Timestamp!.Value));
        }
    }

    private static string Operator(MatchOperator op) => op switch
    {
        MatchOperator.Equal => "=",
        MatchOperator.NotEqual => "!=",
        MatchOperator.Regex => "=~",
        _ => "!~",
    };

    private static string Label(string name) => PrometheusNames.IsLabelName(name) ? name : Quote(name);

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string value) => Text.GoStringLiteral.Quote(value);


}
