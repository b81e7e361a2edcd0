using Telc.PromQL;

namespace Telc.Tests.PromQL;

public sealed class ParserTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))")]
    [InlineData("-2 ^ 2", "-(2 ^ 2)")]
    [InlineData("a or b and c unless d", "(a or ((b and c) unless d))")]
    [InlineData("a > b == bool c", "((a > b) ==bool c)")]
    [InlineData("a + b - c", "((a + b) - c)")]
    [InlineData("a * b atan2 c", "((a * b) atan2 c)")]
    [InlineData("-a * b", "(-a * b)")]
    public void Operators_follow_prometheus_precedence_and_associativity(string query, string expected)
    {
        var result = Parser.Parse(query);

        Assert.True(result.Success, string.Join("; ", result.Errors));
        Assert.Equal(expected, Show(result.Root!));
    }

    [Theory]
    [InlineData("sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m]))")]
    [InlineData("sum(rate(x[5m])) without (instance, pod)")]
    [InlineData("topk(5, x) or bottomk(3, y)")]
    [InlineData("quantile(0.9, x)")]
    [InlineData("count_values(\"version\", build_info)")]
    [InlineData("a / on(job) group_left(team) b")]
    [InlineData("a * ignoring(code) group_right b")]
    [InlineData("x offset -5m @ start()")]
    [InlineData("x @ 1609746000 offset 1h")]
    [InlineData("rate(x[5m:1m] offset 1h)")]
    [InlineData("max_over_time(deriv(rate(x[1m])[5m:])[1h:])")]
    [InlineData("{\"my.metric\", \"a.b\"=\"x\"}")]
    [InlineData("{__name__=\"up\", job!=\"\"}")]
    [InlineData("0x1F + 1e3 + .5 + 1.5e-3 + Inf - -inf + NaN")]
    [InlineData("label_join(x, 'dst', \",\", `raw \\ src`)")]
    [InlineData("label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\\\\.x\")")]
    [InlineData("# a comment\nup # and another\n== 0")]
    [InlineData("rate(x[1h30m]) > 0")]
    [InlineData("predict_linear(x[1h], 4h) < 0")]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))")]
    [InlineData("absent(up{job=\"x\"})")]
    [InlineData("time() - timestamp(x)")]
    [InlineData("vector(1) + scalar(x)")]
    [InlineData("SUM BY (group) (x)")]
    [InlineData("x[300]")]
    public void Valid_queries_parse(string query)
    {
        var result = Parser.Parse(query);

        Assert.True(result.Success, $"{query}: {string.Join("; ", result.Errors)}");
    }

    [Theory]
    [InlineData("rate(x)", "expects a range vector", 5)]
    [InlineData("sum(rate(x[5m])", "unexpected end of the query", 15)]
    [InlineData("foo[1m2h]", "largest to smallest", 4)]
    [InlineData("NaN{foo=\"bar\"}", "unexpected '{'", 3)]
    [InlineData("1 > 2", "bool", 2)]
    [InlineData("a and 1", "set operator", 2)]
    [InlineData("a + bool b", "bool applies only to comparison", 2)]
    [InlineData("{}", "at least one matcher", 0)]
    [InlineData("{a=\"\"}", "at least one matcher", 0)]
    [InlineData("{__name__=~\".*\"}", "at least one matcher", 0)]
    [InlineData("nosuchfunction(x)", "unknown function", 0)]
    [InlineData("x{a=~\"(\"}", "invalid regular expression", 2)]
    [InlineData("x{a=~\"x(?P<name\"}", "invalid named capture", 2)]
    [InlineData("sum(x) by (a) by (b)", "only once", 14)]
    [InlineData("rate(x[5m]) offset 1m offset 2m", "offset", 12)]
    [InlineData("(a + b)[5m]", "only allowed on vector selectors", 7)]
    [InlineData("\"a\\qb\"", "unknown escape", 2)]
    [InlineData("'unterminated", "unterminated", 0)]
    [InlineData("x{a=1}", "quoted label value", 4)]
    [InlineData("x{a==\"b\"}", "'='", 3)]
    [InlineData("topk(x)", "takes a parameter", 0)]
    [InlineData("histogram_quantile(x, y)", "expects a scalar", 19)]
    [InlineData("a + on(x) group_left(x) b", "both the on() and the group", 4)]
    [InlineData("a and on(x) group_left b", "no grouping", 6)]
    [InlineData("1 + \"s\"", "needs scalars or instant vectors", 4)]
    [InlineData("-\"s\"", "unary", 0)]
    [InlineData("x[0s]", "longer than zero", 2)]
    [InlineData("round()", "takes 1 to 2 arguments", 0)]
    [InlineData("5m", null, -1)]
    public void Invalid_queries_are_rejected_at_the_right_place(string query, string? message, int column)
    {
        var result = Parser.Parse(query);

        if (message is null)
        {
            Assert.True(result.Success); // a duration where a number is expected stands for its seconds
            return;
        }

        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message);
        Assert.Equal(column, error.Span.Start);
    }

    [Theory]
    [InlineData(10_000, '(', ')')]
    [InlineData(10_000, '-', ' ')]
    public void Deep_nesting_ends_in_an_error_not_a_crash(int depth, char open, char close)
    {
        var query = new string(open, depth) + "1" + new string(close, close == ' ' ? 0 : depth);

        var result = Parser.Parse(query);

        Assert.False(result.Success);
        Assert.Contains("nests more than", result.Errors[0].Message);
    }

    private static string Show(Expr expr) => expr switch
    {
        BinaryExpr b => $"({Show(b.Left)} {b.Operator}{(b.ReturnBool ? "bool" : string.Empty)} {Show(b.Right)})",
        UnaryExpr u => $"{u.Operator}{Show(u.Operand)}",
        ParenExpr p => Show(p.Inner),
        NumberLiteral n => n.Text,
        VectorSelector v => v.Name ?? "{}",
        _ => expr.GetType().Name,
    };
}
