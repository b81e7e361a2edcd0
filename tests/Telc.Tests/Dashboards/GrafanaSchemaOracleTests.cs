using Telc.Tests.Support;
using Xunit.Abstractions;

namespace Telc.Tests.Dashboards;

/// <summary>
/// The oracle rendered dashboards are held to: Grafana's own published Dashboard type (npm @grafana/schema, checked by
/// tests/tools/grafana). It must refuse what Grafana's types refuse, take a small modern dashboard, and its verdict on
/// the real dashboards of the corpus, as their authors wrote them, is recorded here.
/// </summary>
public sealed class GrafanaSchemaOracleTests(ITestOutputHelper output)
{
    private const string ModernDashboard = """
        {
          "title": "Payments API",
          "uid": "payments-api",
          "schemaVersion": 41,
          "time": { "from": "now-6h", "to": "now" },
          "templating": { "list": [
            { "name": "datasource", "type": "datasource", "query": "prometheus" },
            { "name": "namespace", "type": "query", "datasource": { "type": "prometheus", "uid": "${datasource}" },
              "query": "label_values(up, namespace)", "refresh": 2, "multi": true, "includeAll": true }
          ] },
          "panels": [
            { "type": "row", "id": 1, "title": "Requests", "collapsed": false, "panels": [], "gridPos": { "h": 1, "w": 24, "x": 0, "y": 0 } },
            { "type": "timeseries", "id": 2, "title": "Request rate", "gridPos": { "h": 8, "w": 12, "x": 0, "y": 1 },
              "datasource": { "type": "prometheus", "uid": "${datasource}" },
              "targets": [ { "refId": "A", "expr": "sum(rate(http_requests_total{namespace=~\"$namespace\"}[$__rate_interval]))" } ],
              "fieldConfig": { "defaults": { "unit": "reqps", "color": { "mode": "palette-classic" },
                "thresholds": { "mode": "absolute", "steps": [ { "color": "green", "value": null }, { "color": "red", "value": 100 } ] } },
                "overrides": [] },
              "options": { "legend": { "displayMode": "list", "placement": "bottom" } } }
          ]
        }
        """;

    /// <summary>The corpus dashboards that type-check as their authors wrote them (see tests/tools/grafana/README.md).</summary>
    private static readonly string[] CorpusDashboardsThatTypeCheck =
    [
        "kube-prometheus/alertmanager-overview.json",
        "kube-prometheus/node-cluster-rsrc-use.json",
        "kube-prometheus/node-rsrc-use.json",
        "kube-prometheus/prometheus-remote-write.json",
        "kube-prometheus/prometheus.json",
    ];

    [SkippableFact]
    public void A_small_modern_dashboard_type_checks()
    {
        var check = GrafanaSchemaCheck.CheckTexts([ModernDashboard]).Single();

        Assert.True(check.TypeChecks, string.Join("\n", check.Problems));
    }

    [SkippableFact]
    public void Fields_grafana_fills_with_its_published_defaults_may_be_left_out()
    {
        var check = GrafanaSchemaCheck.CheckTexts(["""
            {
              "title": "defaults",
              "links": [ { "title": "Runbooks", "type": "link", "url": "https://example.com", "icon": "doc", "tooltip": "" } ],
              "panels": [
                { "type": "row", "id": 1, "title": "no collapsed, no panels" },
                { "type": "stat", "title": "no overrides, no links, no targets", "fieldConfig": { "defaults": { "unit": "s" } } }
              ]
            }
            """]).Single();

        Assert.True(check.TypeChecks, string.Join("\n", check.Problems));
    }

    [SkippableFact]
    public void Wrong_types_unknown_fields_and_missing_required_fields_are_refused_at_their_place()
    {
        string With(string from, string to)
        {
            Assert.Contains(from, ModernDashboard, StringComparison.Ordinal);
            return ModernDashboard.Replace(from, to, StringComparison.Ordinal);
        }

        var broken = new (string Json, string Pointer)[]
        {
            (With("\"title\": \"Payments API\"", "\"title\": 5"), "/title"),
            (With("\"panels\": [\n", "\"panels\": 3, \"old\": [\n"), "/panels"),
            (With("\"schemaVersion\": 41,", "\"schemaVersion\": 41, \"rows\": [],"), "/rows"),
            (With("\"type\": \"timeseries\", ", string.Empty), "/panels/1"),
            (With("\"mode\": \"absolute\"", "\"mode\": \"relative\""), "/panels/1/fieldConfig/defaults/thresholds/mode"),
            (With("\"collapsed\": false, \"panels\": [], ", "\"collapsed\": false, \"panels\": 3, "), "/panels/0"),
            (With("\"refresh\": 2", "\"refresh\": \"2\""), "/templating/list/1/refresh"),
            ("\"a dashboard\"", "/"),
            ("{ \"links\": [ { \"title\": \"l\", \"type\": \"link\", \"tooltip\": \"\" } ] }", "/links/0"),
            ("{ \"title\": ", "JSON"),
        };

        var checks = GrafanaSchemaCheck.CheckTexts([.. broken.Select(b => b.Json)]);

        foreach (var (check, (_, place)) in checks.Zip(broken))
        {
            Assert.False(check.TypeChecks, $"accepted although {place} is wrong");
            Assert.True(check.Problems.Any(p => p.Contains($" at {place}", StringComparison.Ordinal) || p.Contains($"error {place}", StringComparison.Ordinal)),
                $"{place} is not named:\n{string.Join("\n", check.Problems)}");
        }
    }

    [SkippableFact]
    public void The_corpus_dashboards_get_the_recorded_verdicts()
    {
        var files = CorpusDashboards.Files();
        var checks = GrafanaSchemaCheck.Check(files);

        foreach (var check in checks)
        {
            var name = CorpusDashboards.Name(check.File);
            output.WriteLine(check.TypeChecks ? $"ok   {name}" : $"fail {name}: {check.Problems.Count} problems, first {check.Problems[0]}");
        }

        var typeChecking = checks.Where(c => c.TypeChecks).Select(c => CorpusDashboards.Name(c.File)).ToArray();
        output.WriteLine($"{typeChecking.Length} of {checks.Count} corpus dashboards type-check against @grafana/schema as written");
        Assert.Equal(CorpusDashboardsThatTypeCheck, typeChecking);
    }
}
