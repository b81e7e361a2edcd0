namespace Telc.PromQL;

/// <summary>Walks a query tree without recursion, so deeply nested queries cannot exhaust the stack.</summary>
public static class ExprWalker
{
    /// <summary>The node and everything under it, in source order.</summary>
    public static IEnumerable<Expr> DescendantsAndSelf(Expr root)
    {
        var stack = new Stack<Expr>([root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            IEnumerable<Expr> children = node switch
            {
                MatrixSelector m => [m.Selector],
                SubqueryExpr s => [s.Inner],
                Call c => c.Arguments,
                Aggregation a => a.Parameter is null ? [a.Inner] : [a.Parameter, a.Inner],
                BinaryExpr b => [b.Left, b.Right],
                UnaryExpr u => [u.Operand],
                ParenExpr p => [p.Inner],
                _ => [],
            };
            foreach (var child in children.Reverse())
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>Every vector selector of the query, those inside range selectors and subqueries included.</summary>
    public static IEnumerable<VectorSelector> Selectors(Expr root) => DescendantsAndSelf(root).OfType<VectorSelector>();
}
