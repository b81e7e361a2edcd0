using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Telc.PromQL;
using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// What the Prometheus telc deploys (<see cref="Emit.Images.Prometheus"/>) refuses of the PromQL telc parses, which
/// follows Prometheus 3: functions and aggregations that came later, experimental functions it keeps behind a feature
/// flag telc does not set, range and fill modifiers, and duration expressions. A rule using them would pass telc and
/// stop the server from loading its rule files. The tests hold every verdict to promtool's of that version.
/// </summary>
public static partial class DeployedPrometheusSyntax
{
    public static readonly string Version = Emit.Images.Prometheus[(Emit.Images.Prometheus.LastIndexOf(":v", StringComparison.Ordinal) + 2)..];

    private static readonly FrozenSet<string> Later = FrozenSet.Create(StringComparer.Ordinal,
        "double_exponential_smoothing", "info", "step", "range", "start", "end", "min_of", "max_of", "histogram_quantiles", "start_timestamp",
        "first_over_time", "ts_of_first_over_time", "ts_of_last_over_time", "ts_of_min_over_time", "ts_of_max_over_time", "limitk", "limit_ratio");

    private static readonly FrozenSet<string> Experimental = FrozenSet.Create(StringComparer.Ordinal, "sort_by_label", "sort_by_label_desc", "mad_over_time");

    private static readonly FrozenDictionary<string, string> Instead = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["double_exponential_smoothing"] = "holt_winters, its name before Prometheus 3",
        ["sort_by_label"] = "sort or sort_desc, or order in the dashboard",
        ["sort_by_label_desc"] = "sort or sort_desc, or order in the dashboard",
        ["limitk"] = "topk or bottomk",
        ["limit_ratio"] = "a filter on a label instead",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>A duration as Prometheus 2 reads one: units always, no sign, no arithmetic.</summary>
    [GeneratedRegex(@"^([0-9]+(ms|[smhdwy]))+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainDuration();

    [GeneratedRegex(@"\b(by|without)\s*\((?<labels>[^)]*)\)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Grouping();

    /// <summary>A number followed by a unit: a duration where Prometheus 2 takes only a number.</summary>
    [GeneratedRegex(@"[0-9](ms|[smhdwy])$", RegexOptions.CultureInvariant)]
    private static partial Regex EndsInUnit();

    /// <summary>Each part of the query (parsed from <paramref name="text"/>) the deployed Prometheus refuses: where, why, and what to write instead.</summary>
    public static IEnumerable<(TextSpan Span, string Message, string Hint)> Refusals(Expr root, string text)
    {
        string Text(TextSpan span) => text[span.Start..span.End];
        foreach (var node in ExprWalker.DescendantsAndSelf(root))
        {
            var refusal = node switch
            {
                NumberLiteral number when EndsInUnit().IsMatch(number.Text) => Refused(number.Span, $"a duration ('{number.Text}') where a number goes", "write the number of seconds"),
                Aggregation { HasGrouping: true } aggregation when QuotesGrouping(aggregation, text) =>
                    Refused(aggregation.Span, "quoted label names in by or without", "write the label names without quotes"),
                BinaryExpr { Matching: { } matching } when Text(matching.Span).Contains('"') => Refused(matching.Span, "quoted label names in vector matching", "write the label names without quotes"),
                Call call => Named(call.Function.Name, call.NameSpan, "function"),
                Aggregation aggregation => Named(aggregation.Operator.ToLowerInvariant(), TextSpan.FromBounds(aggregation.Span.Start, aggregation.Span.Start + aggregation.Operator.Length), "aggregation"),
                MatrixSelector { Extension: { } extension } matrix => Refused(matrix.Span, $"the range modifier '{extension}'", "leave it out"),
                VectorSelector { Extension: { } extension } selector => Refused(selector.Span, $"the modifier '{extension}'", "leave it out"),
                BinaryExpr { Fill: { } fill } => Refused(fill.Span, "fill modifiers", "match the missing series with 'or' instead, e.g. (a + b) or a"),
                _ => null,
            };
            if (refusal is not null)
            {
                yield return refusal.Value;
            }

            foreach (var duration in Durations(node).Where(d => !PlainDuration().IsMatch(d.Text) || text[..d.Span.Start].TrimEnd().EndsWith('+')))
            {
                yield return Refused(duration.Span, $"the duration '{duration.Text}' (Prometheus 2 takes a duration with units, no sign, no arithmetic)", "write the duration itself, e.g. 5m");
            }

            if (At(node) is { Timestamp: not null } at && EndsInUnit().IsMatch(Text(at.Span).TrimEnd()))
            {
                yield return Refused(at.Span, $"a duration after @ ('{Text(at.Span)}')", "write the Unix time in seconds, e.g. @ 1700000000");
            }
        }
    }

    private static (TextSpan, string, string)? Named(string name, TextSpan span, string kind) =>
        Later.Contains(name)
            ? Refused(span, $"the {kind} '{name}'", Instead.TryGetValue(name, out var instead) ? $"use {instead}" : $"use what Prometheus {Version} offers")
            : Experimental.Contains(name)
                ? (span, $"Prometheus {Version}, which telc deploys, runs the {kind} '{name}' only with --enable-feature=promql-experimental-functions, which telc does not set",
                    Instead.TryGetValue(name, out var other) ? $"use {other}" : $"use what Prometheus {Version} offers without experimental features")
                : null;

    private static (TextSpan, string, string) Refused(TextSpan span, string what, string hint) =>
        (span, $"Prometheus {Version}, which telc deploys, does not know {what} and would refuse to load the rule", hint);

    /// <summary>Whether an aggregation's by or without clause, outside its inner query, quotes a label name.</summary>
    private static bool QuotesGrouping(Aggregation aggregation, string text)
    {
        var own = text[aggregation.Span.Start..aggregation.Inner.Span.Start] + text[aggregation.Inner.Span.End..aggregation.Span.End];
        return Grouping().Match(own) is { Success: true } clause && clause.Groups["labels"].Value.Contains('"');
    }

    private static AtModifier? At(Expr node) => node switch
    {
        VectorSelector selector => selector.At,
        SubqueryExpr subquery => subquery.At,
        _ => null,
    };

    private static IEnumerable<DurationLiteral> Durations(Expr node) => node switch
    {
        MatrixSelector matrix => [matrix.Range],
        SubqueryExpr subquery => new[] { subquery.Range, subquery.Step, subquery.Offset }.OfType<DurationLiteral>(),
        VectorSelector { Offset: { } offset } => [offset],
        _ => [],
    };
}
