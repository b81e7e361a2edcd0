using Telc.Emit.Kubernetes;
using Telc.Emit.Loki;
using Telc.Output;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Stores;

/// <summary>
/// AlertGroups whose backend is a Loki are LogQL rules its ruler evaluates: checked as Loki checks them, rendered as
/// rule files the ruler loads, alerting the cluster's Alertmanager and recording into its Prometheus.
/// </summary>
public sealed class LokiRulerTests
{
    private const string Rules = """
            - alert: ShopLogsErrors
              expr: sum by (k8s_namespace_name) (count_over_time({k8s_namespace_name="shop"} |= "error" [5m])) > 10
              for: 5m
              severity: critical
              summary: "{{ $labels.k8s_namespace_name }} logs {{ $value }} errors in 5 minutes"
            - record: shop:log_errors:rate5m
              expr: sum(rate({k8s_namespace_name="shop"} |= "error" [5m]))
        """;

    private static string Spec(string rules = Rules, string backends = "") =>
        Specs.Cluster("prod-1", "prod") + Specs.Backend("logs", "loki") + Specs.Backend("metrics", "prometheus") + Specs.Backend("alerts", "alertmanager", "{ replicas: 2 }")
        + backends + Specs.Header + """
        kind: AlertRouting
        metadata: { name: default }
        spec:
          backend: alerts
          receivers:
            - { name: platform, slack: { apiUrlSecretRef: { name: slack, key: url }, channel: "#alerts" } }
            - { name: shop-oncall, pagerduty: { routingKeySecretRef: { name: pd, key: key } } }
          defaultReceiver: platform
        ---

        """ + Specs.Header + """
        kind: Team
        metadata: { name: shop }
        spec: { namespaces: [shop], owners: ["@acme/shop"], receivers: { default: platform, critical: shop-oncall } }
        ---

        """ + Specs.Header + $$"""
        kind: AlertGroup
        metadata: { name: shop-logs, team: shop }
        spec:
          backend: logs
          rules:
        {{rules}}
        """;

    private static Compilation Compile(string spec)
    {
        var compilation = Specs.Compile(spec);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return compilation;
    }

    private static T Object<T>(Compilation compilation, string name) where T : class =>
        compilation.Objects.Select(o => o.Object).OfType<T>().Single(o => ((dynamic)o).Metadata.Name == name);

    private static OutMap Config(Compilation compilation) => Parse(Object<ConfigMap>(compilation, "loki-logs-config").Data["loki.yaml"]);

    private static OutMap FirstRule(Compilation compilation) =>
        (OutMap)((OutSeq)At((OutMap)((OutSeq)At(Parse(Object<ConfigMap>(compilation, "loki-logs-rules").Data["shop-logs.yaml"]), "groups")!).Items[0], "rules")!).Items[0];

    private static string? Text(OutMap config, string path) => (At(config, path) as OutScalar)?.Text;

    [Fact]
    public void The_ruler_reads_the_rule_files_alerts_every_alertmanager_replica_and_records_into_prometheus()
    {
        var compilation = Compile(Spec());
        var config = Config(compilation);

        Assert.Empty(LokiConfigChecker.Check(config));
        Assert.Equal("local", Text(config, "ruler.storage.type"));
        Assert.Equal(LokiConfigBuilder.RulesDirectory, Text(config, "ruler.storage.local.directory"));
        Assert.Equal(
            "http://alertmanager-alerts-0.alertmanager-alerts.telemetry.svc:9093,http://alertmanager-alerts-1.alertmanager-alerts.telemetry.svc:9093",
            Text(config, "ruler.alertmanager_url"));
        Assert.Equal("prod-1", Text(config, "ruler.external_labels.cluster"));
        Assert.Equal("true", Text(config, "ruler.remote_write.enabled"));
        Assert.Equal("http://prometheus-metrics.telemetry.svc:9090/api/v1/write", Text(config, "ruler.remote_write.clients.prometheus-metrics.url"));

        var prometheus = Object<StatefulSet>(compilation, "prometheus-metrics");
        Assert.Contains("--web.enable-remote-write-receiver", prometheus.Spec.Template.Spec.Containers[0].Args);

        var loki = Object<StatefulSet>(compilation, "loki-logs");
        Assert.Contains(loki.Spec.Template.Spec.Containers[0].VolumeMounts, m => m.Name == "rules" && m.MountPath == "/etc/loki-rules/fake");
        var alert = FirstRule(compilation);
        Assert.Equal("sum by (k8s_namespace_name) (count_over_time({k8s_namespace_name=\"shop\"} |= \"error\" [5m])) > 10", Text(alert, "expr"));
        Assert.Equal("shop", Text(alert, "labels.team"));
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code == "TELC501" && d.Message.Contains("AlertGroup", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void The_rule_file_is_one_prometheus_reads_apart_from_its_logql()
    {
        ExternalTools.Require("promtool");
        var rules = Object<ConfigMap>(Compile(Spec()), "loki-logs-rules").Data["shop-logs.yaml"];
        using var folder = new TempFolder();
        var file = folder.Write("shop-logs.yaml", LokiRuleFiles.WithPromQLExpressions(rules));

        var (exitCode, output) = ExternalTools.Run("promtool", "check", "rules", file);
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 2 rules found", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_critical_log_alert_of_a_team_reaches_the_teams_oncall_receiver()
    {
        ExternalTools.Require("amtool");
        var compilation = Compile(Spec());
        using var folder = new TempFolder();
        var alertmanager = folder.Write("alertmanager.yml", Object<ConfigMap>(compilation, "alertmanager-alerts-config").Data["alertmanager.yml"]);
        var labels = ((OutMap)At(FirstRule(compilation), "labels")!).Entries.Select(e => $"{e.Key}={((OutScalar)e.Value).Text}")
            .Concat(((OutMap)At(Config(compilation), "ruler.external_labels")!).Entries.Select(e => $"{e.Key}={((OutScalar)e.Value).Text}"));

        var (exitCode, output) = ExternalTools.Run("amtool", ["config", "routes", "test", "--config.file=" + alertmanager, "alertname=ShopLogsErrors", .. labels]);
        Assert.True(exitCode == 0, output);
        Assert.Equal("shop-oncall", output.Split('\n').Last(l => l.Trim().Length > 0 && !l.StartsWith("Warning", StringComparison.Ordinal)).Trim());
    }

    [Theory]
    [InlineData("sum(count_over_time({k8s_namespace_name=\"shop\"} |= \"error\" [5m]) > 10", "TELC310", "expected ')'", 87)]
    [InlineData("count_over_time({k8s_namespace_name=\"shop\"} |= \"error\") > 10", "TELC310", "needs a log range", 34)]
    [InlineData("sum_over_time({k8s_namespace_name=\"shop\"} [5m]) > 10", "TELC311", "add | unwrap", 18)]
    [InlineData("{k8s_namespace_name=\"shop\"} |= \"error\"", "TELC302", "returns log lines", 17)]
    [InlineData("sum(count_over_time({app=\"shop\"} [5m])) > 10", "TELC312", "telc's Loki calls it 'service_name'", 39)]
    public void A_broken_logql_rule_is_reported_at_its_line_and_column(string expr, string code, string message, int column)
    {
        var compilation = Specs.Compile(Spec($"""
                    - alert: ShopLogsErrors
                      expr: '{expr.Replace("'", "''", StringComparison.Ordinal)}'
                      severity: critical
            """));

        var finding = Assert.Single(compilation.Diagnostics, d => d.Code == code);
        Assert.Contains(message, finding.Message + " " + finding.Hint, StringComparison.Ordinal);
        Assert.Equal((43, column), (finding.Start.Line, finding.Start.Column));
    }

    [Fact]
    public void An_alert_template_with_an_unknown_function_is_reported() =>
        Assert.Contains("'humanise' is not a template function", Specs.Compile(Spec("""
                    - alert: ShopLogsErrors
                      expr: sum(count_over_time({k8s_namespace_name="shop"} [5m])) > 10
                      summary: "{{ $value | humanise }} errors"
            """)).Single("TELC307").Message, StringComparison.Ordinal);

    [Fact]
    public void Log_alerts_without_an_alertmanager_and_recording_rules_without_a_prometheus_are_named()
    {
        var spec = Specs.Cluster("prod-1", "prod") + Specs.Backend("logs", "loki") + Specs.Header + $$"""
            kind: AlertGroup
            metadata: { name: shop-logs }
            spec:
              backend: logs
              rules:
            {{Rules}}
            """;
        var compilation = Specs.Compile(spec);

        Assert.Contains("the alerts of Loki 'logs' reach no Alertmanager in cluster 'prod-1'", compilation.Single("TELC217").Message, StringComparison.Ordinal);
        Assert.Contains("the recording rules of AlertGroup/shop-logs write their series to a Prometheus", compilation.Single("TELC500").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dashboard_reading_loki_is_checked_as_logql_with_grafanas_variables_understood()
    {
        var dashboard = Specs.Header + """
            kind: Dashboard
            metadata: { name: shop-logs }
            spec:
              datasource: logs
              panels:
                - title: Errors
                  query: sum by (k8s_container_name) (count_over_time({k8s_namespace_name=~"$namespace"} |= "error" [$__auto]))
                - title: Broken
                  query: sum(rate({k8s_namespace_name="shop"}[$__rate_interval])
            ---

            """;
        var compilation = Specs.Compile(Spec(backends: dashboard));

        // $namespace is used but no variable defines it (panels written in the spec have none): a warning, not a syntax error.
        Assert.Equal("TELC323", Assert.Single(compilation.Diagnostics, d => d.Code == "TELC323").Code);
        var finding = Assert.Single(compilation.Diagnostics, d => d.Code.StartsWith("TELC3", StringComparison.Ordinal) && d.Code != "TELC323");
        Assert.Equal("TELC310", finding.Code);
        Assert.Contains("expected ')'", finding.Message, StringComparison.Ordinal);
    }
}
