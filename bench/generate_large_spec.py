#!/usr/bin/env python3
"""Writes a large synthetic telc spec: clusters with presets, teams with alert groups, backends and pipelines.

usage: generate_large_spec.py OUT_DIR [--clusters 50] [--teams 300] [--rules 6000] [--log-pipelines 20] [--trace-pipelines 10] [--log-rules 1200]
"""
import argparse
import json
import os

HEADER = "apiVersion: telc.io/v1alpha1\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# Where log pipeline p ships: Loki, Elasticsearch through the Kafka buffer (directly from Fluent Bit, whose
# records the gateway could not read back from Kafka), or the vendor's OTLP endpoint.
LOG_OUTPUTS = ["{ backend: logs }", "{ backend: search, via: buffer }", "{ backend: vendor }"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--clusters", type=int, default=50)
    parser.add_argument("--teams", type=int, default=300)
    parser.add_argument("--rules", type=int, default=6000)
    parser.add_argument("--log-pipelines", type=int, default=20)
    parser.add_argument("--trace-pipelines", type=int, default=10)
    parser.add_argument("--log-rules", type=int, default=1200)
    args = parser.parse_args()
    root = os.path.join(args.out, "telemetry")

    envs = ["dev", "stage", "prod"]
    # Every cluster gets the Project's presets; every fifth changes one alert, so it gets an expansion of its own.
    clusters = "---\n".join(
        HEADER + f"kind: Cluster\nmetadata:\n  name: cluster-{i:03}\nspec:\n  environment: {envs[i % 3]}\n"
        f"  platform: gke\n  externalLabels: {{ cluster: cluster-{i:03} }}\n"
        + (f"  presets:\n    - {{ name: kubernetes, version: '1', alerts: {{ KubePodCrashLooping: {{ threshold: {i % 7 + 3} }} }} }}\n" if i % 5 == 0 else "")
        for i in range(args.clusters))
    write(os.path.join(root, "clusters.yaml"), clusters)
    write(os.path.join(root, "project.yaml"), HEADER + "kind: Project\nmetadata: { name: bench }\nspec:\n"
          "  presets: [kubernetes@1, node@1, kube-state-metrics@1, prometheus@1, alertmanager@1, loki@1]\n")

    write(os.path.join(root, "backends.yaml"), "---\n".join([
        HEADER + "kind: Backend\nmetadata: { name: metrics }\nspec:\n  prometheus:\n    replicas: 2\n"
        "    retention: { time: 15d, size: 40GiB }\n    storage: { size: 50Gi }\n",
        HEADER + "kind: Backend\nmetadata: { name: alerts }\nspec:\n  alertmanager: { replicas: 2 }\n",
        HEADER + "kind: Backend\nmetadata: { name: dashboards }\nspec:\n  grafana:\n    adminPasswordSecretRef: { name: grafana-admin, key: password }\n",
        HEADER + "kind: Backend\nmetadata: { name: vendor }\nspec:\n  external:\n    otlp:\n"
        "      endpoint: https://otlp.vendor.example:4317\n"
        "      headers: [{ name: x-api-key, valueSecretRef: { name: vendor, key: key } }]\n",
        # The stores of every cluster: logs in Loki (with its ruler) or, through Kafka, Elasticsearch;
        # traces in Tempo; OTLP metrics, through Kafka, in InfluxDB.
        HEADER + "kind: Backend\nmetadata: { name: logs }\nspec:\n  loki:\n    alertmanager: alerts\n"
        "    storage: { size: 100Gi }\n",
        HEADER + "kind: Backend\nmetadata: { name: search }\nspec:\n  elasticsearch:\n    replicas: 3\n"
        "    passwordSecretRef: { name: search, key: elastic }\n    kibanaPasswordSecretRef: { name: search, key: kibana }\n"
        "    writerPasswordSecretRef: { name: search, key: writer }\n"
        "    transportTlsSecretRef: { name: search-transport, caKey: ca.crt, certKey: tls.crt, keyKey: tls.key }\n",
        HEADER + "kind: Backend\nmetadata: { name: spans }\nspec:\n  tempo:\n    storage: { size: 50Gi }\n",
        HEADER + "kind: Backend\nmetadata: { name: buffer }\nspec:\n  kafka:\n    replicas: 3\n    storage: { size: 100Gi }\n",
        HEADER + "kind: Backend\nmetadata: { name: tsdb }\nspec:\n  influxdb:\n"
        "    tokenSecretRef: { name: influxdb, key: token }\n",
    ]))
    write(os.path.join(root, "retention.yaml"), HEADER +
          "kind: RetentionPolicy\nmetadata: { name: retention }\nspec:\n  rules:\n"
          + "".join(f"    - {{ signal: logs, environment: {env}, duration: {days}d }}\n"
                    f"    - {{ signal: traces, environment: {env}, duration: {days}d }}\n"
                    f"    - {{ signal: metrics, environment: {env}, backend: tsdb, duration: {days * 4}d }}\n"
                    f"    - {{ signal: logs, environment: {env}, backend: buffer, duration: 1d, size: 50GiB }}\n"
                    for env, days in [("dev", 3), ("stage", 7), ("prod", 30)])
          + "".join(f"    - {{ signal: logs, environment: prod, team: team-{t:03}, duration: 60d }}\n" for t in range(0, args.teams, 10)))
    # Log, trace and OTLP metric pipelines, each rendered in every cluster by the collectors (and Fluent Bit).
    collector_pipelines = []
    for p in range(args.log_pipelines):
        agent = "  agent: fluentbit\n" if p % 4 == 3 else ""
        collector_pipelines.append(HEADER + f"kind: LogPipeline\nmetadata: {{ name: logs-{p:02} }}\nspec:\n{agent}"
            f"  input:\n    containers: {{ namespaces: {{ include: [team-{p:03}, team-{p + 100:03}] }} }}\n"
            + ("    node: { journald: true }\n    events: {}\n" if p % 5 == 0 else "")
            + "  parsers: [{ type: json }]\n"
            "  filter: { drop: [{ field: level, matches: '^debug$' }], redact: [password] }\n"
            f"  derivedMetrics: [{{ name: logs_{p:02}_errors_total, type: counter, match: {{ field: level, matches: '^error$' }} }}]\n"
            f"  output: {LOG_OUTPUTS[p % 3].replace(', via: buffer', '') if agent else LOG_OUTPUTS[p % 3]}\n  buffer: {{ queueSize: 2000, retryFor: 30m, persistent: {str(p % 2 == 0).lower()} }}\n")
    for p in range(args.trace_pipelines):
        collector_pipelines.append(HEADER + f"kind: TracePipeline\nmetadata: {{ name: traces-{p:02} }}\nspec:\n"
            "  input: { otlp: {}, zipkin: {} }\n  sampling: { percentage: 10 }\n"
            f"  filter: {{ namespaces: {{ include: [team-{p:03}] }}, dropSpans: [{{ field: http.route, matches: '^/healthz$' }}] }}\n"
            f"  output: {{ backend: {'spans' if p % 2 else 'vendor'} }}\n")
    collector_pipelines.append(HEADER + "kind: MetricPipeline\nmetadata: { name: pushed-metrics }\nspec:\n"
        "  input: { otlp: {} }\n  output: { backend: tsdb, via: buffer }\n")
    write(os.path.join(root, "collector-pipelines.yaml"), "---\n".join(collector_pipelines))
    write(os.path.join(root, "pipelines.yaml"), HEADER +
          "kind: MetricPipeline\nmetadata: { name: app-metrics }\nspec:\n  input:\n"
          "    prometheus: { annotations: true }\n    runtime: {}\n    node: {}\n    kubeState: {}\n"
          "  filter: { dropMetrics: ['go_gc_.*'] }\n  output: { backend: metrics }\n")

    # The alertmanager preset's Watchdog goes to a heartbeat of its own.
    receivers = "    - name: heartbeat\n      webhook: { urlSecretRef: { name: heartbeat, key: url } }\n" + "".join(
        f"    - name: team-{t:03}\n      opsgenie: {{ apiKeySecretRef: {{ name: opsgenie, key: team-{t:03} }} }}\n"
        for t in range(args.teams))
    routes = "    - matchers: ['alertname=\"Watchdog\"']\n      receiver: heartbeat\n" + "".join(
        f"    - matchers: ['team=\"team-{t:03}\"']\n      receiver: team-{t:03}\n" for t in range(args.teams))
    write(os.path.join(root, "routing.yaml"), HEADER +
          "kind: AlertRouting\nmetadata: { name: default }\nspec:\n  receivers:\n" + receivers +
          "  routes:\n" + routes + "  defaultReceiver: team-000\n")

    per_team = args.rules // args.teams
    per_team_log_rules = args.log_rules // args.teams
    for t in range(args.teams):
        team = f"team-{t:03}"
        write(os.path.join(root, "teams", team, "team.yaml"), HEADER +
              f"kind: Team\nmetadata: {{ name: {team} }}\nspec:\n  namespaces: [{team}]\n"
              f"  owners: ['@acme/{team}']\n  receivers: {{ default: {team} }}\n")
        rules = "".join(
            f"    - alert: HighErrorRate{r}\n"
            f"      expr: |\n"
            f"        sum(rate(http_requests_total{{namespace=\"{team}\",code=~\"5..\"}}[5m]))\n"
            f"          / sum(rate(http_requests_total{{namespace=\"{team}\"}}[5m])) > 0.0{r % 9 + 1}\n"
            f"      for: 10m\n      severity: {'critical' if r % 2 else 'warning'}\n"
            f"      summary: Error rate of {team} above threshold {r}\n"
            f"      runbook: https://runbooks.example/{team}/{r}\n"
            for r in range(per_team))
        write(os.path.join(root, "teams", team, "alerts.yaml"), HEADER +
              f"kind: AlertGroup\nmetadata:\n  name: {team}-alerts\n  team: {team}\nspec:\n  backend: metrics\n  rules:\n" + rules)
        log_rules = "".join(
            f"    - alert: LogErrors{r}\n"
            f"      expr: |\n"
            f"        sum by (service_name) (count_over_time({{k8s_namespace_name=\"{team}\"}} |= \"error\" | json | level=~\"error|fatal\" [5m])) > {r + 5}\n"
            f"      for: 5m\n      severity: warning\n"
            f"      summary: '{{{{ $labels.service_name }}}} of {team} logs errors'\n"
            f"      runbook: https://runbooks.example/{team}/logs-{r}\n"
            for r in range(per_team_log_rules))
        write(os.path.join(root, "teams", team, "log-alerts.yaml"), HEADER +
              f"kind: AlertGroup\nmetadata:\n  name: {team}-log-alerts\n  team: {team}\nspec:\n  backend: logs\n  rules:\n" + log_rules)
        write_dashboards(root, team, t)


def write_dashboards(root, team, t):
    """Every team a dashboard of panels in the spec; every third team also an exported Grafana JSON one of 24 panels."""
    panels = "".join(
        f"    - {{ title: Requests {p}, query: 'sum by (code) (rate(http_requests_total{{namespace=\"{team}\",route=\"/r{p}\"}}[$__rate_interval]))', unit: reqps }}\n"
        for p in range(4))
    dashboards = HEADER + f"kind: Dashboard\nmetadata:\n  name: {team}-overview\n  team: {team}\nspec:\n  panels:\n" + panels
    if t % 3 == 0:
        dashboards += "---\n" + HEADER + f"kind: Dashboard\nmetadata:\n  name: {team}-pods\n  team: {team}\nspec:\n  file: pods.json\n"
        targets = [
            {"id": p + 1, "type": "timeseries", "title": f"Pods {p}", "gridPos": {"h": 8, "w": 12, "x": p % 2 * 12, "y": p // 2 * 8},
             "datasource": {"type": "prometheus", "uid": "${DS_PROMETHEUS}"},
             "targets": [{"refId": "A", "expr": f"sum by (pod) (rate(http_requests_total{{namespace=\"{team}\", pod=~\"$pod\"}}[$__rate_interval])) * {p + 1}"}]}
            for p in range(24)]
        board = {"__inputs": [{"name": "DS_PROMETHEUS", "type": "datasource", "pluginId": "prometheus"}], "title": f"{team} pods", "schemaVersion": 41,
                 "templating": {"list": [{"name": "pod", "type": "query", "datasource": {"type": "prometheus", "uid": "${DS_PROMETHEUS}"},
                                          "query": f"label_values(kube_pod_info{{namespace=\"{team}\"}}, pod)"}]},
                 "panels": targets}
        write(os.path.join(root, "teams", team, "pods.json"), json.dumps(board, indent=2) + "\n")
    write(os.path.join(root, "teams", team, "dashboards.yaml"), dashboards)


if __name__ == "__main__":
    main()
