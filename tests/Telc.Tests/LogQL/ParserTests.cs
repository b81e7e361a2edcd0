using Telc.LogQL;
using Telc.Tests.Support;

namespace Telc.Tests.LogQL;

/// <summary>
/// The mistakes users make in LogQL, each with the message telc gives and where it points. Syntax errors break
/// LogQL's grammar, and Grafana's own grammar refuses them too; the others are well-formed queries that Loki refuses
/// when it builds them (a parameter missing, unwrap where none is read, a bad regular expression).
/// </summary>
public sealed class ParserTests
{
    /// <summary>Query, a fragment of the message, the offset it points at, and whether it breaks the grammar.</summary>
    public static readonly TheoryData<string, string, int, bool> Mistakes = new()
    {
        { "{app=\"api\"", "expected ',' or '}'", 10, true },
        { "{app=\"api\",}", "trailing comma", 10, true },
        { "{app=api}", "expected a quoted value", 5, true },
        { "{app==\"api\"}", "single '='", 4, true },
        { "{app='api'}", "not '", 5, true },
        { "{app=\"api\"} |= error", "expected a quoted string", 15, true },
        { "{app=\"api\"} |= \"x\" or", "expected a quoted string", 21, true },
        { "http_requests_total{job=\"api\"}", "PromQL metric name", 0, true },
        { "rate({app=\"api\"})", "needs a log range", 5, true },
        { "count_over_time({app=\"api\"} |= \"x\")", "needs a log range", 16, true },
        { "rate({app=\"api\"}[5 m])", "is not a duration", 16, true },
        { "rate({app=\"api\"}[$__interval])", "is not a duration", 16, true },
        { "rate({app=\"api\"}[5m]", "expected ')'", 20, true },
        { "sum(rate({app=\"api\"}[5m])", "expected ')'", 25, true },
        { "sum by (level) ({app=\"api\"} | json)", "needs a metric query", 16, true },
        { "{app=\"api\"}[5m]", "not a query on its own", 0, true },
        { "{app=\"api\"} | unwrap latency", "inside a range aggregation", 12, true },
        { "-sum(rate({app=\"api\"}[5m]))", "no unary '-'", 0, true },
        { "sum_over_time({app=\"api\"} | unwrap x | json [5m])", "only label filters", 39, true },
        { "sum(rate({app=\"api\"}[5m])) > bool", "unexpected the end of the query", 33, true },
        { "{app=\"api\"} | line_format {{.msg}}", "expected a quoted template", 26, true },
        { "{app=\"api\"} | json | level = error", "expected a number", 29, true },
        { "{app=\"api\"} | logfmt --stric", "unknown parser flag '--stric'", 21, true },
        { "count_over_time({app=\"api\"} | jsonn [5m])", "did you mean 'json'?", 30, true },
        { "{app=\"api\"} | linefmt \"{{.msg}}\"", "expected a comparison", 22, true },
        { "sum by (a) (rate({app=\"api\"}[5m])) by (b)", "given twice", 35, true },
        { "rate {app=\"api\"}[5m]", "its arguments go in parentheses", 0, true },
        { "{by=\"x\"}", "keyword", 1, true },
        { "", "empty", 0, true },
        { "{app=~\".*\"}", "at least one matcher that cannot match an empty value", 0, false },
        { "{app=\"api\", env!=\"dev\"} != \"x\" | logfmt", "", -1, false },
        { "{app!=\"api\"}", "at least one matcher that cannot match an empty value", 0, false },
        { "{app=~\"[a-\"}", "invalid regular expression", 6, false },
        { "{app=\"api\"} |~ \"(unclosed\"", "invalid regular expression", 15, false },
        { "{app=\"api\"} | regexp \"x(?P<name\"", "invalid named capture", 21, false },
        { "{app=\"api\"} | regexp \"(\\\\d+)\"", "named capture", 21, false },
        { "{app=\"api\"} | pattern \"<a><b> x\"", "follow each other", 22, false },
        { "{app=\"api\"} | pattern \"<_> x\"", "at least one named capture", 22, false },
        { "{app=\"api\"} |> \"<level> x\"", "named captures such as <level>", 15, false },
        { "sum_over_time({app=\"api\"}[5m])", "add | unwrap <label>", 0, false },
        { "count_over_time({app=\"api\"} | logfmt | unwrap bytes [5m])", "cannot use an unwrapped value", 37, false },
        { "quantile_over_time({app=\"api\"} | unwrap latency [5m])", "needs the quantile first", 0, false },
        { "rate({app=\"api\"}[5m]) by (pod)", "grouping not allowed for rate", 21, false },
        { "topk(sum(rate({app=\"api\"}[5m])))", "needs the number of series", 0, false },
        { "topk(1.5, sum(rate({app=\"api\"}[5m])))", "whole number greater than 0", 5, false },
        { "sum(2, rate({app=\"api\"}[5m]))", "takes no parameter", 4, false },
        { "sort by (pod) (rate({app=\"api\"}[5m]))", "does not group", 0, false },
        { "{app=\"api\"} + 1", "is a log query", 0, false },
        { "1 and sum(rate({app=\"api\"}[5m]))", "is a number", 0, false },
        { "label_replace(rate({app=\"api\"}[5m]), \"a\", \"$1\", \"b\", \"(x\")", "invalid regex in label_replace", 53, false },
    };

    /// <summary>
    /// Loki's lexer reads by, without, json, offset … as keywords wherever they stand (lex.go), so they cannot name a
    /// label in a selector; the grammar of Grafana's query editor is lenient there.
    /// </summary>
    private static readonly HashSet<string> EditorGrammarAccepts = ["{by=\"x\"}"];

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_is_reported_with_its_message_and_position(string query, string message, int offset, bool syntax)
    {
        var result = Parser.Parse(query);
        if (offset < 0)
        {
            Assert.True(result.Success, string.Join("; ", result.Errors));
            return;
        }

        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message);
        Assert.Equal(offset, error.Span.Start);
        Assert.Equal(syntax, result.Root is null);
    }

    [SkippableFact]
    public void Grafanas_grammar_refuses_the_syntax_errors_and_accepts_what_only_Loki_refuses()
    {
        var cases = Mistakes.Select(m => (Query: (string)m[0], Syntax: (bool)m[3])).Where(m => m.Query.Length > 0 && !EditorGrammarAccepts.Contains(m.Query)).ToArray();
        var verdicts = ExternalTools.LogQLGrammarVerdicts(cases.Select(c => c.Query));
        var disagreements = cases.Zip(verdicts).Where(p => p.First.Syntax != p.Second.HasValue).Select(p => $"{p.First.Query}: grammar says {(p.Second.HasValue ? "error" : "ok")}").ToArray();
        Assert.True(disagreements.Length == 0, string.Join("\n", disagreements));
    }

    [Fact]
    public void A_query_that_nests_too_deep_is_refused_without_a_stack_overflow()
    {
        var query = new string('(', 5000) + "vector(1)" + new string(')', 5000);
        var error = Assert.Single(Parser.Parse(query).Errors);
        Assert.Contains("nests more than", error.Message);
    }
}
