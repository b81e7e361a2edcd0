using System.Text.Json;
using Telc.Tests.Support;

namespace Telc.Tests.Diff;

/// <summary>Each kind of telemetry change lands in the summary with the risk a reviewer should give it.</summary>
public sealed class RiskClassificationTests
{
    private const string Alerts = ScenarioRepository.AlertsFile;

    [Theory]
    [InlineData("telemetry/routing.yaml", "  routes:\n    - matchers: ['team=\"payments\"', 'severity=\"critical\"']\n      receiver: payments-oncall\n", "  routes: []\n",
        "route", "team=\"payments\", severity=\"critical\"", "removed", "high")]
    [InlineData("telemetry/routing.yaml", "      receiver: payments-oncall\n", "      receiver: platform-email\n",
        "route", "team=\"payments\", severity=\"critical\"", "changed", "high")]
    [InlineData("telemetry/routing.yaml", "  defaultReceiver: platform-email\n", "  defaultReceiver: platform-email\n  inhibitions:\n    - { sourceMatchers: ['severity=\"critical\"'], targetMatchers: ['severity=\"warning\"'], equal: [alertname] }\n",
        "route", "inhibition of severity=\"warning\" while severity=\"critical\" (equal alertname)", "added", "medium")]
    [InlineData(Alerts, "      severity: critical\n", "      severity: warning\n", "alert", "PaymentsHighErrorRate (payments-api)", "changed", "high")]
    [InlineData(Alerts, "      for: 10m\n", "      for: 30m\n", "alert", "PaymentsHighErrorRate (payments-api)", "changed", "medium")]
    [InlineData(Alerts, "https://runbooks.acme.example/payments/high-error-rate", "https://runbooks.acme.example/payments/errors", "alert", "PaymentsHighErrorRate (payments-api)", "changed", "low")]
    [InlineData(Alerts, "    - record: namespace:http_requests:rate5m\n      expr: sum by (namespace) (rate(http_requests_total{namespace=\"payments\"}[5m]))\n", "",
        "recording rule", "namespace:http_requests:rate5m (payments-api)", "removed", "medium")]
    [InlineData("telemetry/backends.yaml", "time: 30d", "time: 60d", "retention", "metrics (prometheus-metrics)", "changed", "low")]
    [InlineData("telemetry/backends.yaml", "size: 40GiB", "size: 20GiB", "retention", "metrics (prometheus-metrics)", "changed", "high")]
    [InlineData("telemetry/backends.yaml", "    replicas: 2\n    retention", "    replicas: 1\n    retention", "component", "StatefulSet telemetry/prometheus-metrics", "changed", "medium")]
    [InlineData("telemetry/pipelines.yaml", "    node: {}\n", "", "component", "DaemonSet telemetry/node-exporter", "removed", "high")]
    [InlineData("telemetry/pipelines.yaml", "dropMetrics: [\"go_gc_.*\"]", "dropMetrics: [\"go_gc_.*\", \"go_memstats_.*\"]", "pipeline", "MetricPipeline/app-metrics", "changed", "low")]
    [InlineData(Alerts, "  name: payments-api\n", "  name: payments-core\n", "alert", "PaymentsHighErrorRate (payments-core)", "changed", "low")]
    [InlineData("telemetry/routing.yaml", "'severity=\"critical\"']", "'severity=~\"critical|page\"']",
        "route", "team=\"payments\", severity=~\"critical|page\"", "changed", "high")]
    [InlineData("telemetry/routing.yaml", "  routes:\n", "  routes:\n    - matchers: ['namespace=\"payments\"']\n      receiver: platform-email\n",
        "route", "namespace=\"payments\"", "added", "high")]
    [InlineData("telemetry/routing.yaml", "  groupBy: [alertname, cluster, namespace]", "  groupBy: [cluster]", "route", "default route", "changed", "medium")]
    [InlineData("telemetry/pipelines.yaml", "dropMetrics: [\"go_gc_.*\"]", "dropMetrics: [\"go_.*\"]", "scrape job", "app-metrics/pods", "changed", "medium")]
    [InlineData("telemetry/project.yaml", "revision: main", "revision: release", "cluster", "Application argocd/telemetry-prod-eu-1", "changed", "high")]
    [InlineData("telemetry/cluster.yaml", "environment: prod", "environment: stage", "cluster", "prod-eu-1", "changed", "medium")]
    [InlineData("telemetry/backends.yaml", "    datasources: [metrics]\n", "    datasources: [metrics, logs]\n---\napiVersion: telc.io/v1alpha1\nkind: Backend\nmetadata: { name: logs }\nspec: { loki: {} }\n", "datasource", "logs (Grafana dashboards)", "added", "low")]
    [InlineData("telemetry/teams/payments/payments-pods.json", "container!=\\\"\\\"", "container=\\\"app\\\"", "dashboard", "Dashboard/payments-pods", "changed", "low")]
    [InlineData("telemetry/teams/payments/dashboards.yaml", "    - title: Error ratio\n", "    - title: Errors\n", "dashboard", "Dashboard/payments-api", "changed", "low")]
    public void Classifies(string file, string find, string replace, string area, string subject, string change, string risk)
    {
        using var repo = new ScenarioRepository();
        repo.Edit(file, text => text.Replace(find, replace, StringComparison.Ordinal));

        var result = CliRunner.Run(repo.Path, "diff", repo.Base, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var changes = json.RootElement.GetProperty("clusters").EnumerateArray().SelectMany(c => c.GetProperty("changes").EnumerateArray()).ToArray();
        var found = changes.FirstOrDefault(c => c.GetProperty("area").GetString() == area && c.GetProperty("subject").GetString() == subject);
        Assert.True(found.ValueKind == JsonValueKind.Object, $"no {area} '{subject}' among:\n{string.Join("\n", changes.Select(c => c.ToString()))}");
        Assert.True(change == found.GetProperty("change").GetString() && risk == found.GetProperty("risk").GetString(), found.ToString());
    }

    /// <summary>The changes `telc diff --format json` reports against a base, over all clusters.</summary>
    private static JsonElement[] Changes(ScenarioRepository repo, string baseRef)
    {
        var result = CliRunner.Run(repo.Path, "diff", baseRef, "--format", "json");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        using var json = JsonDocument.Parse(result.Output);
        return [.. json.RootElement.GetProperty("clusters").EnumerateArray().SelectMany(c => c.GetProperty("changes").EnumerateArray()).Select(c => c.Clone())];
    }

    [Fact]
    public void A_changed_threshold_of_a_logql_alert_shows_as_the_alert_changing_on_its_loki()
    {
        using var repo = new ScenarioRepository();
        repo.Edit("telemetry/backends.yaml", text => text.TrimEnd('\n') + "\n---\napiVersion: telc.io/v1alpha1\nkind: Backend\nmetadata:\n  name: logs\nspec:\n  loki: {}\n"
            + "---\napiVersion: telc.io/v1alpha1\nkind: AlertGroup\nmetadata:\n  name: payments-logs\nspec:\n  backend: logs\n  rules:\n"
            + "    - alert: PaymentsLogErrors\n      expr: sum(count_over_time({k8s_namespace_name=\"payments\"} |= \"error\" [5m])) > 10\n      severity: warning\n");
        var withRules = repo.Commit("add LogQL rules");
        repo.Edit("telemetry/backends.yaml", text => text.Replace("[5m])) > 10", "[5m])) > 50", StringComparison.Ordinal));

        var change = Changes(repo, withRules).Single(c => c.GetProperty("area").GetString() == "alert");
        Assert.Equal("PaymentsLogErrors (payments-logs on loki-logs)", change.GetProperty("subject").GetString());
        Assert.Contains("threshold 10 → 50", change.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("logs", "  loki:\n    retention: { time: 30d }\n", "time: 30d", "time: 20d", "logs (loki-logs)", "logs kept 30d → 20d, older logs are deleted")]
    [InlineData("traces", "  tempo: {}\n", "  tempo: {}", "  tempo:\n    retention: { time: 7d }", "traces (tempo-traces)", "traces kept 14d → 7d, older traces are deleted")]
    [InlineData("traces", "  jaeger:\n    retention: { time: 30d }\n", "time: 30d", "time: 20d", "traces (jaeger-traces)",
        "traces kept 30d → 20d, spans stored from now on expire sooner (those stored before keep their expiry)")]
    [InlineData("traces", "  zipkin:\n    elasticsearch: search\n    retention: { time: 30d }\n---\napiVersion: telc.io/v1alpha1\nkind: Backend\nmetadata:\n  name: search\nspec:\n"
        + "  elasticsearch:\n    kibana: false\n    passwordSecretRef: { name: search, key: elastic }\n    writerPasswordSecretRef: { name: search, key: writer }\n",
        "time: 30d", "time: 20d", "traces (zipkin-traces)", "traces kept 30d → 20d, older traces are deleted")]
    [InlineData("search", "  elasticsearch:\n    retention: { time: 30d }\n    passwordSecretRef: { name: search, key: elastic }\n    kibanaPasswordSecretRef: { name: search, key: kibana_system }\n",
        "time: 30d", "time: 20d", "search (elasticsearch-search)", "logs kept 30d → 20d, older logs are deleted")]
    [InlineData("buffer", "  kafka:\n    retention: { time: 2d }\n---\napiVersion: telc.io/v1alpha1\nkind: TracePipeline\nmetadata:\n  name: app-traces\nspec:\n  input: { otlp: {} }\n  output: { backend: buffer }\n",
        "time: 2d", "time: 1d", "buffer (kafka-buffer), topic telemetry.traces.app-traces", "messages kept 2d → 1d, older messages are deleted")]
    [InlineData("tsdb", "  influxdb:\n    retention: { time: 30d }\n    tokenSecretRef: { name: influxdb-auth, key: token }\n", "time: 30d", "time: 20d", "tsdb (influxdb-tsdb)",
        "metrics kept 30d → 20d, older metrics are deleted")]
    public void Shortening_how_long_a_store_keeps_data_is_a_high_risk_in_production(string name, string store, string find, string replace, string subject, string description)
    {
        using var repo = new ScenarioRepository();
        repo.Edit("telemetry/backends.yaml", text => text.TrimEnd('\n') + $"\n---\napiVersion: telc.io/v1alpha1\nkind: Backend\nmetadata:\n  name: {name}\nspec:\n{store}");
        var withStore = repo.Commit("add a store");
        repo.Edit("telemetry/backends.yaml", text => text.Replace(find, replace, StringComparison.Ordinal));

        var change = Changes(repo, withStore)
            .Single(c => c.GetProperty("area").GetString() == "retention" && c.GetProperty("subject").GetString() == subject);
        Assert.Equal("high", change.GetProperty("risk").GetString());
        Assert.Contains(description, change.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_a_rule_group_or_the_alertmanager_removes_nothing()
    {
        using var repo = new ScenarioRepository();
        repo.Edit(Alerts, text => text.Replace("  name: payments-api\n", "  name: payments-core\n", StringComparison.Ordinal));
        repo.Edit("telemetry/backends.yaml", text => text.Replace("alertmanager: alerts", "alertmanager: alerting", StringComparison.Ordinal).Replace("  name: alerts\n", "  name: alerting\n", StringComparison.Ordinal));
        repo.Edit("telemetry/routing.yaml", text => text.Replace("backend: alerts", "backend: alerting", StringComparison.Ordinal));

        var result = CliRunner.Run(repo.Path, "diff", repo.Base, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var changes = json.RootElement.GetProperty("clusters").EnumerateArray().SelectMany(c => c.GetProperty("changes").EnumerateArray()).ToArray();
        Assert.DoesNotContain(changes, c => c.GetProperty("change").GetString() == "removed" && c.GetProperty("area").GetString() is "alert" or "receiver" or "route");
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("high").GetInt32());
        Assert.Contains(changes, c => c.GetProperty("description").GetString() == "replaced by StatefulSet telemetry/alertmanager-alerting: it starts with empty storage");
    }

    [Fact]
    public void A_changed_dashboard_file_is_described_in_panels_and_queries()
    {
        using var repo = new ScenarioRepository();
        repo.Edit("telemetry/teams/payments/payments-pods.json", text => text
            .Replace("container!=\\\"\\\"", "container=\\\"app\\\"", StringComparison.Ordinal)
            .Replace("\"title\": \"CPU by pod\"", "\"title\": \"CPU per pod\"", StringComparison.Ordinal));

        var change = Assert.Single(Changes(repo, repo.Base), c => c.GetProperty("area").GetString() == "dashboard");

        Assert.Equal("Dashboard/payments-pods", change.GetProperty("subject").GetString());
        Assert.Equal("panel 'CPU per pod' added; panel 'CPU by pod' removed; query of panel 'Memory by pod' changed", change.GetProperty("description").GetString());
    }
}
