using Telc.Tests.Support;

namespace Telc.Tests.Semantics;

/// <summary>TELC233: a rule selecting a metric that nothing feeding its Prometheus delivers, at the selector, with why and what to do.</summary>
public sealed class MetricProvenanceTests
{
    private static string Spec(string presets, string rules) => Specs.Header + $"kind: Cluster\nmetadata: {{ name: gke-1 }}\nspec: {{ environment: prod, platform: gke, presets: [{presets}] }}\n---\n"
        + Specs.Backend("metrics", "prometheus")
        + Specs.Header + "kind: MetricPipeline\nmetadata: { name: apps }\nspec:\n  input: { prometheus: {}, kubeState: {} }\n  filter: { dropMetrics: [\"go_gc_.*\", \"kube_pod_container_status_.*\"] }\n  output: { backend: metrics }\n---\n"
        + Specs.Header + "kind: AlertGroup\nmetadata: { name: mine }\nspec:\n  rules:\n" + rules;

    private static string[] Findings(string presets, string rules) =>
        [.. Specs.Compile(Spec(presets, rules)).Diagnostics.Where(d => d.Code == "TELC233").Select(d => $"{d.Start.Line}:{d.Start.Column} {d.Message} | {d.Hint}")];

    [Fact]
    public void A_metric_of_a_preset_the_cluster_does_not_switch_on_is_reported_at_its_selector()
    {
        var finding = Assert.Single(Findings("", "    - { alert: EtcdLeaderless, expr: 'max(etcd_server_has_leader) == 0' }\n"));
        Assert.StartsWith("24:43 alert 'EtcdLeaderless' selects 'etcd_server_has_leader', which comes from preset 'etcd', not switched on for 'metrics' (or with its control-plane parts off) in cluster 'gke-1'", finding);
        Assert.Single(Findings("etcd@1", "    - { alert: EtcdLeaderless, expr: 'max(etcd_server_has_leader) == 0' }\n")); // on GKE etcd is the provider's
        Assert.Empty(Findings("{ name: etcd, version: '1', controlPlane: true }", "    - { alert: EtcdLeaderless, expr: 'max(etcd_server_has_leader) == 0' }\n"));
    }

    [Fact]
    public void Telcs_own_Prometheus_metrics_need_the_prometheus_preset() =>
        Assert.Contains("which comes from preset 'prometheus'", Assert.Single(Findings("", "    - { alert: RulesFailing, expr: 'rate(prometheus_rule_evaluation_failures_total[5m]) > 0' }\n")));

    [Fact]
    public void An_exporters_metric_needs_its_input_and_survives_no_filter()
    {
        var findings = Findings("", """
                - { alert: DiskFull, expr: 'node_filesystem_avail_bytes < 1' }
                - { alert: Restarts, expr: 'increase(kube_pod_container_status_restarts_total[1h]) > 5' }
                - { alert: Pending, expr: 'kube_pod_status_phase{phase="Pending"} > 0' }
                - { alert: GcSlow, expr: 'rate(go_gc_duration_seconds_sum[5m]) > 1' }

            """);

        Assert.Equal(3, findings.Length);
        Assert.Contains(findings, f => f.Contains("'node_filesystem_avail_bytes', which comes from node-exporter, and no MetricPipeline collects input.node into 'metrics'", StringComparison.Ordinal) && f.EndsWith("| set input.node in a MetricPipeline of the cluster whose output is 'metrics'", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("'kube_pod_container_status_restarts_total', which MetricPipeline 'apps' drops (filter.dropMetrics 'kube_pod_container_status_.*')", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("'go_gc_duration_seconds_sum', which MetricPipeline 'apps' drops (filter.dropMetrics 'go_gc_.*')", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_known_name_and_an_unrecorded_series_are_reported_but_an_applications_own_metric_is_not()
    {
        var findings = Findings("nats@1", """
                - { alert: SlowConsumers, expr: 'delta(gnatsd_varz_slow_consumer[5m]) > 0' }
                - { alert: ErrorsHigh, expr: 'job:http_errors:rate5m > 1' }
                - { record: 'job:http_requests:rate5m', expr: 'sum by (job) (rate(http_requests_total[5m]))' }
                - { alert: TrafficLow, expr: 'job:http_requests:rate5m < 1' }
                - { alert: AppErrors, expr: 'rate(http_requests_total{code="500"}[5m]) > 1' }
                - { alert: Load, expr: 'node_load15 > 4' }

            """);

        Assert.Equal(3, findings.Length);
        Assert.Contains(findings, f => f.Contains("'gnatsd_varz_slow_consumer', which no preset, exporter or rule telc knows delivers", StringComparison.Ordinal) && f.EndsWith("| did you mean 'gnatsd_varz_slow_consumers'?", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("'job:http_errors:rate5m', which no recording rule of 'metrics' records", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("'node_load15'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_many_programs_share_or_a_component_the_spec_scrapes_itself_is_not_reported()
    {
        Assert.Empty(Findings("", "    - { alert: Slow, expr: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1' }\n"));
        var ownJob = Spec("", "    - { alert: EtcdLeaderless, expr: 'max(etcd_server_has_leader) == 0' }\n")
            .Replace("input: { prometheus: {}, kubeState: {} }", "input: { prometheus: { selectors: [{ name: etcd, matchLabels: { component: etcd }, port: metrics }] }, kubeState: {} }", StringComparison.Ordinal);
        Assert.DoesNotContain(Specs.Compile(ownJob).Diagnostics, d => d.Code == "TELC233");
    }

    [Fact]
    public void A_dashboard_panel_on_a_metric_that_does_not_arrive_is_reported_at_its_query()
    {
        var spec = Spec("nats@1", "    - { alert: Up, expr: 'up == 0' }\n---\n")
            + Specs.Backend("dashboards", "grafana", "{ adminPasswordSecretRef: { name: grafana-admin, key: password } }")
            + Specs.Header + "kind: Dashboard\nmetadata: { name: platform }\nspec:\n  panels:\n"
            + "    - { title: Leader, query: 'max(etcd_server_has_leader)' }\n"
            + "    - { title: Slow consumers, query: 'sum(gnatsd_varz_slow_consumers)' }\n";

        var finding = Assert.Single(Specs.Compile(spec).Diagnostics, d => d.Code == "TELC233");
        Assert.StartsWith("a panel selects 'etcd_server_has_leader', which comes from preset 'etcd'", finding.Message);
        Assert.Equal(36, finding.Start.Line);
    }

    [Fact]
    public void An_slo_indicator_on_a_metric_that_does_not_arrive_is_reported()
    {
        var spec = Spec("", "    - { alert: Up, expr: 'up == 0' }\n---\n")
            + Specs.Header + "kind: SLO\nmetadata: { name: etcd-writes }\nspec:\n  service: etcd\n  objective: 99.9\n  sli:\n"
            + "    errorQuery: 'sum(rate(etcd_server_proposals_failed_total[{{.window}}]))'\n"
            + "    totalQuery: 'sum(rate(etcd_server_proposals_committed_total[{{.window}}]))'\n";

        var findings = Specs.Compile(spec).Diagnostics.Where(d => d.Code == "TELC233").Select(d => d.Message).ToArray();
        Assert.Equal(2, findings.Length);
        Assert.All(findings, f => Assert.StartsWith("SLO 'etcd-writes' selects 'etcd_server_proposals_", f));
    }

    [Fact]
    public void A_waiver_silences_a_metric_that_arrives_another_way()
    {
        using var folder = new TempFolder();
        folder.Write("telemetry/spec.yaml", Spec("", "    - { alert: EtcdLeaderless, expr: 'max(etcd_server_has_leader) == 0', severity: critical, runbook: 'https://runbooks.example/etcd', for: 1m }\n"));
        var before = CliRunner.Run(folder.Path, "validate", ".");
        folder.Write("telemetry/waiver.yaml", Specs.Header + "kind: Waiver\nmetadata: { name: federated-etcd }\nspec:\n  policy: TELC233\n  target: AlertGroup/mine/EtcdLeaderless\n  owner: platform@example.com\n  reason: etcd metrics are federated from the control-plane Prometheus\n  ticket: OPS-9\n  expires: 2099-12-31\n");
        var after = CliRunner.Run(folder.Path, "validate", ".");

        Assert.Contains("warning TELC233", before.Output);
        Assert.DoesNotContain("warning TELC233", after.Output);
        Assert.Contains("TELC233 AlertGroup/mine/EtcdLeaderless", after.Output[after.Output.IndexOf("waived", StringComparison.Ordinal)..]);
    }
}
