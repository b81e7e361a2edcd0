using Telc.Semantics;

namespace Telc.Tests.Semantics;

/// <summary>
/// Grafana variables in a PromQL panel query are replaced by text of the same length that PromQL reads where the
/// variable stands, so a query that works with real values parses, and positions stay those of the dashboard's text.
/// </summary>
public sealed class GrafanaVariablesTests
{
    [Theory]
    [InlineData("rate(http_requests_total{job=~\"$job\"}[$__rate_interval])", "rate(http_requests_total{job=~\"$job\"}[000000000000005m])")]
    [InlineData("sum(rate(x[${__range}])) by ($groupBy)", "sum(rate(x[000000005m])) by (_groupBy)")]
    [InlineData("x offset $shift", "x offset 00005m")]
    [InlineData("sum(x) * $__interval_ms / 100", "sum(x) * 1              / 100")]
    [InlineData("x{$label=\"a\"}", "x{_label=\"a\"}")]
    public void Each_variable_becomes_what_promql_reads_in_its_place(string query, string substituted)
    {
        Assert.Equal(substituted, GrafanaVariables.Substitute(query));
    }

    [Theory]
    [InlineData("max_over_time(rate(x[$__rate_interval])[$__range:$__interval])")]
    [InlineData("max_over_time(x[1h:$__interval])")]
    [InlineData("max_over_time(x[$__range:])")]
    [InlineData("max_over_time(x[$__range:5m])")]
    [InlineData("max_over_time(x[ $__range : $__interval ])")]
    [InlineData("max_over_time(x[${__range}:${__interval}] offset $offset)")]
    public void Subquery_ranges_and_steps_become_durations(string query)
    {
        var substituted = GrafanaVariables.Substitute(query);

        Assert.Equal(query.Length, substituted.Length);
        var parsed = Telc.PromQL.Parser.Parse(substituted);
        Assert.True(parsed.Success, $"{substituted}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        // The Prometheus telc deploys (2.x) reads no duration without its unit, which the parser (Prometheus 3) takes.
        Assert.Empty(DeployedPrometheusSyntax.Refusals(parsed.Root!, substituted));
    }
}
