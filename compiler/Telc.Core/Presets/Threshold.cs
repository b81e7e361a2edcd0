using System.Globalization;
using Telc.PromQL;
using Telc.Text;

namespace Telc.Presets;

/// <summary>
/// The number an alert's expression compares with: the literal side of its top-level comparison
/// (<c>... &gt; 0.05</c>), looked for on the left of <c>and</c>, <c>or</c> and <c>unless</c>, where the
/// main condition of an alert usually is.
/// </summary>
public static class Threshold
{
    private static readonly HashSet<string> Comparisons = ["==", "!=", ">", "<", ">=", "<="];
    private static readonly HashSet<string> SetOperators = ["and", "or", "unless"];

    /// <summary>Where the compared number is written in the expression; null when the expression compares with none.</summary>
    public static TextSpan? Find(string expr)
    {
        var node = PromQL.Parser.Parse(expr).Root;
        while (node is not null)
        {
            switch (node)
            {
                case ParenExpr paren:
                    node = paren.Inner;
                    break;
                case BinaryExpr binary when Comparisons.Contains(binary.Operator):
                    return Literal(binary.Right) ?? Literal(binary.Left);
                case BinaryExpr binary when SetOperators.Contains(binary.Operator):
                    node = binary.Left;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The expression comparing with another number; null when it compares with none.</summary>
    public static string? Replace(string expr, double value) =>
        Find(expr) is { } span ? string.Concat(expr.AsSpan(0, span.Start), value.ToString("R", CultureInfo.InvariantCulture), expr.AsSpan(span.End)) : null;

    private static TextSpan? Literal(Expr side) => side switch
    {
        NumberLiteral number => number.Span,
        UnaryExpr { Operator: "-", Operand: NumberLiteral } negative => negative.Span,
        ParenExpr { Inner: var inner } => Literal(inner),
        _ => null,
    };
}
