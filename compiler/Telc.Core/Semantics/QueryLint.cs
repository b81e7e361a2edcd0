using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.PromQL;
using Telc.Spec;
using Telc.Spec.Values;
using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// Mistakes in queries that parse, in the spirit of pint's checks: rates of gauges, ranges too short for the scrape
/// interval, regexes that match everything, absent() of an expression.
/// </summary>
public static partial class QueryLint
{
    private static readonly string[] CounterFunctions = ["rate", "irate", "increase"];
    private static readonly string[] RangeFunctions = ["rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets"];

    public static IEnumerable<Diagnostic> Check(Expr root, Located<string> query, ScrapeIntervals intervals, Presets.MetricVocabulary vocabulary)
    {
        foreach (var node in ExprWalker.DescendantsAndSelf(root))
        {
            switch (node)
            {
                case Call { Function.Name: var name, Arguments: [MatrixSelector { Selector.Name: { } metric } matrix, ..] }
                    when CounterFunctions.Contains(name) && !CounterName().IsMatch(metric) && !vocabulary.IsCounter(metric):
                    yield return At(DiagnosticCatalogue.RateOfNonCounter, query, matrix.Selector.Span,
                        $"{name}() of '{metric}', whose name does not end in _total, _count, _sum or _bucket", "if it is a gauge, use deriv() or delta()");
                    break;
                case Call { Function.Name: var name, Arguments: [MatrixSelector matrix, ..] }
                    when RangeFunctions.Contains(name) && !matrix.Range.Dynamic && intervals.Of(matrix.Selector.Name) is var interval
                        && matrix.Range.Value < 2 * interval.Value:
                    yield return At(DiagnosticCatalogue.RangeTooShort, query, matrix.Range.Span,
                        $"{name}() over [{matrix.Range.Text}] sees fewer than two samples at the {interval.Text} scrape interval",
                        $"use a range of at least {Twice(interval)}, better four intervals");
                    break;
                case Call { Function.Name: "absent", Arguments: [var argument] } when TypeChecker.Unwrap(argument) is not VectorSelector:
                    yield return At(DiagnosticCatalogue.AbsentMisuse, query, argument.Span,
                        "absent() of an expression returns no labels to tell what is missing", "give absent() the selector of the series that must exist");
                    break;
                case VectorSelector selector:
                    foreach (var matcher in selector.Matchers.Where(m => m.Operator == MatchOperator.Regex && m.Value is ".*" or "^.*$" or "(.*)"))
                    {
                        yield return At(DiagnosticCatalogue.RegexMatchesEverything, query, matcher.Span,
                            $"{matcher.Name}=~\"{matcher.Value}\" matches every value, including none", "remove the matcher");
                    }

                    break;
            }
        }
    }

    private static string Twice(Duration interval) => $"{(int)(2 * interval.Value.TotalSeconds)}s";

    private static Diagnostic At(DiagnosticDescriptor descriptor, Located<string> query, TextSpan span, string message, string hint) =>
        Diagnostic.At(descriptor, query.Location.File.Locate(ScalarOffsets.Map(query.Location, query.Value, span)), message, hint);

    [GeneratedRegex("(_total|_count|_sum|_bucket)$")]
    private static partial Regex CounterName();
}
