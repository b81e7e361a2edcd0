using System.Text.RegularExpressions;
using Telc.PromQL;
using Telc.Semantics;
using Telc.Tests.Support;
using Xunit.Abstractions;

namespace Telc.Tests.Dashboards;

/// <summary>
/// Every PromQL panel query of the 45 corpus dashboards, with its Grafana variables substituted as telc does, gets the
/// same verdict from telc (its parser, and what the Prometheus it deploys reads) as from promtool of that version. All
/// distinct expressions go into one rule file, one group each, so one promtool run judges them all and names the
/// groups it refuses.
/// </summary>
public sealed partial class CorpusPanelQueryTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Telc_and_promtool_agree_on_every_prometheus_panel_query_of_the_corpus()
    {
        var files = CorpusDashboards.Files();
        ExternalTools.Require("promtool");
        var queries = files.SelectMany(CorpusDashboards.PanelQueries).ToArray();
        var prometheus = queries.Where(q => q.Prometheus).ToArray();
        var panelsByExpression = prometheus.ToLookup(q => GrafanaVariables.Substitute(q.Expr), StringComparer.Ordinal);
        var expressions = panelsByExpression.Select(g => g.Key).ToArray();

        // A broken expression last proves that promtool's refusals reach the expression they belong to.
        const string Broken = "sum(rate(up[5m])";
        var refusedByPromtool = PromtoolRefusals([.. expressions, Broken]);
        Assert.True(refusedByPromtool.Remove(expressions.Length), $"promtool's refusal of {Broken} was not attributed to it");
        var disagreements = new List<string>();
        var refusedByBoth = new List<string>();
        for (var i = 0; i < expressions.Length; i++)
        {
            var ours = Parser.Parse(expressions[i]);
            // The parser reads Prometheus 3; the data source is the Prometheus telc deploys, which refuses newer syntax.
            var telcRefusals = ours is { Success: true, Root: { } root }
                ? DeployedPrometheusSyntax.Refusals(root, expressions[i]).Select(r => r.Message).ToArray()
                : [.. ours.Errors.Select(e => e.Message)];
            var telcAccepts = telcRefusals.Length == 0;
            var promtoolAccepts = !refusedByPromtool.TryGetValue(i, out var theirs);
            var where = string.Join(", ", panelsByExpression[expressions[i]].Select(q => $"{q.Dashboard} \"{q.Panel}\"").Distinct().Take(3));
            if (telcAccepts != promtoolAccepts)
            {
                disagreements.Add($"{where}: {expressions[i]}\n  promtool: {(promtoolAccepts ? "accepts" : theirs)}\n  telc:     {(telcAccepts ? "accepts" : string.Join("; ", telcRefusals))}");
            }
            else if (!telcAccepts)
            {
                refusedByBoth.Add($"{where}: {expressions[i]}\n  promtool: {theirs}");
            }
        }

        output.WriteLine($"{files.Count} dashboards, {queries.Length} panel queries, {prometheus.Length} on Prometheus ({queries.Length - prometheus.Length} on other data sources), "
            + $"{prometheus.Count(q => GrafanaVariables.Contains(q.Expr))} with Grafana variables");
        output.WriteLine($"{expressions.Length} distinct expressions after substitution: {expressions.Length - refusedByPromtool.Count} accepted and {refusedByPromtool.Count} refused by promtool; "
            + $"{expressions.Length - disagreements.Count} of {expressions.Length} verdicts agree with telc");
        foreach (var refused in refusedByBoth)
        {
            output.WriteLine("refused by both: " + refused);
        }

        Assert.True(files.Count >= 45, $"only {files.Count} corpus dashboards");
        Assert.True(expressions.Length >= 500, $"only {expressions.Length} distinct expressions");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        // The dashboards work with real variable values, so a refusal means the substitution made the query invalid.
        Assert.True(refusedByBoth.Count == 0, string.Join("\n", refusedByBoth));
    }

    [Fact]
    public void Queries_are_found_in_rows_and_old_rows_and_each_runs_on_the_data_source_grafana_would_use()
    {
        using var folder = new TempFolder();
        var file = folder.Write("dashboard.json", """
            {
              "__inputs": [ { "name": "DS_LOKI", "type": "datasource", "pluginId": "loki" } ],
              "templating": { "list": [
                { "name": "datasource", "type": "datasource", "query": "prometheus" },
                { "name": "logs", "type": "datasource", "query": "loki" } ] },
              "panels": [
                { "type": "timeseries", "title": "unset", "targets": [ { "expr": "a" }, { "expr": " " }, { "query": "not promql" } ] },
                { "type": "row", "title": "row", "panels": [
                  { "type": "timeseries", "title": "in a row", "datasource": "$datasource", "targets": [ { "expr": "b" } ] },
                  { "type": "logs", "title": "variable", "datasource": { "uid": "${logs}" }, "targets": [ { "expr": "{job=\"c\"}" } ] } ] },
                { "type": "timeseries", "title": "mixed", "datasource": { "type": "datasource", "uid": "-- Mixed --" }, "targets": [
                  { "expr": "d" },
                  { "expr": "{job=\"e\"}", "datasource": { "type": "loki", "uid": "x" } },
                  { "expr": "{job=\"f\"}", "datasource": { "uid": "${DS_LOKI}" } },
                  { "expr": "g", "datasource": { "type": "prometheus", "uid": "fixed" } } ] }
              ],
              "rows": [ { "panels": [ { "type": "graph", "title": "old row", "datasource": "[[datasource]]", "targets": [ { "expr": "h" } ] } ] } ]
            }
            """);

        var queries = CorpusDashboards.PanelQueries(file);

        Assert.Equal(["a", "b", "{job=\"c\"}", "d", "{job=\"e\"}", "{job=\"f\"}", "g", "h"], queries.Select(q => q.Expr));
        Assert.Equal(["a", "b", "d", "g", "h"], queries.Where(q => q.Prometheus).Select(q => q.Expr));
        Assert.Equal("old row", queries[^1].Panel);
    }

    /// <summary>promtool's message for each expression it refuses, by index.</summary>
    private static Dictionary<int, string> PromtoolRefusals(IReadOnlyList<string> expressions)
    {
        using var folder = new TempFolder();
        // JSON is YAML; one group per expression, since promtool names the group of each rule it refuses.
        var groups = expressions.Select((e, i) => $"{{\"name\":\"g{i}\",\"rules\":[{{\"record\":\"telc_dashboard_{i}\",\"expr\":{JsonString(e)}}}]}}");
        var file = folder.Write("rules.json", "{\"groups\":[" + string.Join(",", groups) + "]}");
        var (exitCode, promtool) = ExternalTools.Run("promtool", "check", "rules", file);
        var refused = RefusedGroup().Matches(promtool).ToDictionary(m => int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups["message"].Value);
        Assert.True(exitCode == 0 || refused.Count > 0, $"promtool failed without naming a group:\n{promtool}");
        return refused;
    }

    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value, UnescapedJson);

    // YAML parsers refuse JSON's surrogate-pair escapes, so non-ASCII stays as it is.
    private static readonly System.Text.Json.JsonSerializerOptions UnescapedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"group ""g(?<index>[0-9]+)"", rule 1, ""[^""]*"": (?<message>[^\n]*)")]
    private static partial Regex RefusedGroup();
}
