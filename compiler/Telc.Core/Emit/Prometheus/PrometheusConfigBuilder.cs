using System.Collections.Immutable;
using Telc.Model;
using Telc.Spec.Kinds;

namespace Telc.Emit.Prometheus;

/// <summary>Builds prometheus.yml and the rule files of one Prometheus from its plan.</summary>
public static class PrometheusConfigBuilder
{
    public const string ConfigDirectory = "/etc/prometheus";
    public const string RulesDirectory = "rules";
    public const string SecretsDirectory = "/etc/prometheus/secrets";
    private const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The external label that tells the replicas of one Prometheus apart; alerts drop it so Alertmanager deduplicates them.</summary>
    public const string ReplicaLabel = "prometheus_replica";

    /// <summary>Expanded from the pod's environment (--enable-feature=expand-external-labels).</summary>
    public const string PodNameVariable = "POD_NAME";

    public static PrometheusConfig Build(ClusterPlan cluster, PrometheusPlan plan)
    {
        var replicated = plan.Spec.Replicas > 1;
        var labels = replicated ? cluster.ExternalLabels.SetItem(ReplicaLabel, "${" + PodNameVariable + "}") : cluster.ExternalLabels;
        return new PrometheusConfig(
            new GlobalConfig(plan.ScrapeInterval.Text, plan.EvaluationInterval.Text, labels),
            plan.RuleGroups.IsEmpty && !OwnRules(cluster, plan).Any() ? [] : [RulesDirectory + "/*.yaml"],
            plan.AlertmanagerTargets.IsEmpty
                ? null
                : new AlertingConfig([new AlertmanagerEndpoints([new StaticConfig(plan.AlertmanagerTargets)])], replicated ? [new RelabelConfig(Regex: ReplicaLabel, Action: "labeldrop")] : []),
            [.. plan.Jobs.Select(job => Scrape(cluster, job)), .. OwnJobs(cluster, plan)],
            [.. plan.RemoteWrites.Select(RemoteWrite)]);
    }

    /// <summary>Whether this Prometheus scrapes the cluster's collectors and evaluates their alerts.</summary>
    public static bool MonitorsCollectors(ClusterPlan cluster, PrometheusPlan plan) =>
        cluster.Collectors.All.Any() && cluster.Collectors.MetricsStore?.Backend == plan.Backend;

    /// <summary>Whether this Prometheus scrapes the cluster's Tempos and evaluates their alerts: the one their metrics generator writes to.</summary>
    public static bool MonitorsTempos(ClusterPlan cluster, PrometheusPlan plan) =>
        cluster.Stores.Tempos.Any(t => t.MetricsStore?.Backend == plan.Backend);

    /// <summary>The rule files of telc's own alerts on what it runs in the cluster, by file name, for the Prometheus that scrapes it.</summary>
    public static IEnumerable<(string FileName, RuleFile Rules)> OwnRules(ClusterPlan cluster, PrometheusPlan plan)
    {
        if (MonitorsCollectors(cluster, plan))
        {
            yield return (OtelCollector.CollectorAlerts.FileName, OtelCollector.CollectorAlerts.Rules(cluster.Collectors));
        }

        if (MonitorsTempos(cluster, plan))
        {
            yield return (Tempo.TempoAlerts.FileName, Tempo.TempoAlerts.Rules());
        }
    }

    /// <summary>
    /// The own metrics of what telc runs, from their pods' metrics port, labelled with the pod and node and with what
    /// runs there: one job for the OpenTelemetry Collectors and one for Fluent Bit (labelled with the collector:
    /// otel-agent, otel-gateway, fluent-bit), one for Tempo (labelled with the Tempo: tempo-traces).
    /// </summary>
    private static IEnumerable<ScrapeConfig> OwnJobs(ClusterPlan cluster, PrometheusPlan plan)
    {
        ScrapeConfig Job(string name, string apps, string port, string? path, RelabelConfig instance) => new(name, plan.ScrapeInterval.Text, MetricsPath: path,
            KubernetesSdConfigs: [Discovery("pod", new NamespaceSelector([cluster.Namespace], []))],
            RelabelConfigs: [
                Keep("__meta_kubernetes_pod_label_app_kubernetes_io_name", apps),
                Keep("__meta_kubernetes_pod_container_port_name", port),
                instance,
                Copy("__meta_kubernetes_pod_name", "pod"),
                Copy("__meta_kubernetes_pod_node_name", "node"),
            ]);

        var collector = Copy("__meta_kubernetes_pod_label_app_kubernetes_io_name", "collector");
        if (MonitorsCollectors(cluster, plan) && !cluster.Collectors.IsEmpty)
        {
            yield return Job(OtelCollector.CollectorAlerts.JobName, $"{OtelCollector.OtelCollectorEmitter.AgentApp}|{OtelCollector.OtelCollectorEmitter.GatewayApp}", "metrics", null, collector);
        }

        if (MonitorsCollectors(cluster, plan) && !cluster.Collectors.FluentBit.IsEmpty)
        {
            yield return Job(OtelCollector.CollectorAlerts.FluentBitJobName, FluentBit.FluentBitEmitter.App, "http", "/api/v2/metrics/prometheus", collector);
        }

        if (MonitorsTempos(cluster, plan))
        {
            yield return Job(Tempo.TempoAlerts.JobName, Tempo.TempoEmitter.App, "http", null, Copy("__meta_kubernetes_pod_label_app_kubernetes_io_instance", Tempo.TempoAlerts.InstanceLabel));
        }
    }

    public static RuleFile Rules(RuleGroupPlan group) => new([
        new RuleGroupConfig(group.Group.Name, group.Spec.Interval?.Text, [.. group.Rules.Select(Rule)]),
    ]);

    private static RuleConfig Rule(RulePlan plan)
    {
        var (rule, labels) = plan;
        var annotations = rule.Annotations;
        if (rule.Alert is not null)
        {
            annotations = Set(Set(Set(annotations, "summary", rule.Summary), "description", rule.Description), "runbook_url", rule.Runbook);
        }

        return new RuleConfig(rule.Record?.Value, rule.Alert?.Value, rule.Expr.Value.TrimEnd('\n'), rule.For?.Text, rule.KeepFiringFor?.Text, labels, annotations);

        static ImmutableSortedDictionary<string, string> Set(ImmutableSortedDictionary<string, string> map, string key, string? value) =>
            value is null ? map : map.SetItem(key, value);
    }

    private static ScrapeConfig Scrape(ClusterPlan cluster, ScrapeJobPlan job)
    {
        var interval = job.Interval.Text;
        var metricRelabel = MetricRelabeling(job.Filter);
        var serviceAccountToken = new Authorization($"{ServiceAccountDirectory}/token");
        var serviceAccountCa = new TlsConfig(CaFile: ClusterCaFile);
        return job.Source switch
        {
            ScrapeSource.AnnotatedPods => new ScrapeConfig(job.Name, interval,
                KubernetesSdConfigs: [Discovery("pod", job.Namespaces)],
                RelabelConfigs: [.. AnnotatedTargets("pod"), .. NamespaceFilter(job.Namespaces), .. WorkloadFilter(job.Filter), .. PodLabels()],
                MetricRelabelConfigs: metricRelabel),
            ScrapeSource.AnnotatedServices => new ScrapeConfig(job.Name, interval,
                KubernetesSdConfigs: [Discovery("endpoints", job.Namespaces)],
                RelabelConfigs: [.. AnnotatedTargets("service"), .. NamespaceFilter(job.Namespaces), .. WorkloadFilter(job.Filter), .. PodLabels(), Copy("__meta_kubernetes_service_name", "service")],
                MetricRelabelConfigs: metricRelabel),
            ScrapeSource.Kubelet or ScrapeSource.Cadvisor => new ScrapeConfig(job.Name, interval,
                MetricsPath: job.Source == ScrapeSource.Cadvisor ? "/metrics/cadvisor" : "/metrics",
                Scheme: "https", HonorLabels: true, Authorization: serviceAccountToken, TlsConfig: serviceAccountCa,
                KubernetesSdConfigs: [new KubernetesSdConfig("node")],
                RelabelConfigs: [Copy("__meta_kubernetes_node_name", "node")],
                MetricRelabelConfigs: metricRelabel),
            ScrapeSource.NodeExporter => new ScrapeConfig(job.Name, interval,
                KubernetesSdConfigs: [Discovery("endpoints", new NamespaceSelector([cluster.Namespace], []))],
                RelabelConfigs: [Keep("__meta_kubernetes_service_name", "node-exporter"), Copy("__meta_kubernetes_pod_node_name", "node"), Copy("__meta_kubernetes_pod_node_name", "instance")],
                MetricRelabelConfigs: metricRelabel),
            ScrapeSource.KubeStateMetrics => new ScrapeConfig(job.Name, interval, HonorLabels: true,
                KubernetesSdConfigs: [Discovery("endpoints", new NamespaceSelector([cluster.Namespace], []))],
                RelabelConfigs: [Keep("__meta_kubernetes_service_name", "kube-state-metrics"), Keep("__meta_kubernetes_endpoint_port_name", "http-metrics")],
                MetricRelabelConfigs: metricRelabel),
            ScrapeSource.Envoy => new ScrapeConfig(job.Name, interval, MetricsPath: "/stats/prometheus",
                KubernetesSdConfigs: [Discovery("pod", job.Namespaces)],
                RelabelConfigs: [Keep("__meta_kubernetes_pod_container_name", "istio-proxy"), Keep("__meta_kubernetes_pod_container_port_name", ".*-envoy-prom"),
                    .. NamespaceFilter(job.Namespaces), .. WorkloadFilter(job.Filter), .. PodLabels()],
                MetricRelabelConfigs: metricRelabel),
            _ => Selected(job, metricRelabel),
        };
    }

    /// <summary>A scrape job of the spec's own: services selected by labels, or fixed targets; http or https with TLS and a token.</summary>
    private static ScrapeConfig Selected(ScrapeJobPlan job, ImmutableArray<RelabelConfig> metricRelabel)
    {
        var selector = job.Selector!;
        var isStatic = !selector.Targets.IsDefaultOrEmpty;
        return new ScrapeConfig(job.Name, job.Interval.Text, MetricsPath: selector.Path,
            Scheme: selector.Scheme == ScrapeScheme.Https ? "https" : null,
            Authorization: ScrapeAuthorization(selector.Auth),
            TlsConfig: selector.Scheme == ScrapeScheme.Https ? ScrapeTlsConfig(selector.Tls) : null,
            StaticConfigs: isStatic ? [new StaticConfig([.. selector.Targets.Select(t => t.Value)])] : default,
            KubernetesSdConfigs: isStatic ? default : [Discovery("endpoints", job.Namespaces)],
            RelabelConfigs: isStatic
                ? default
                : [.. selector.MatchLabels.Select(l => Keep("__meta_kubernetes_service_label_" + Sanitize(l.Key), RegexEscape(l.Value))),
                    Keep("__meta_kubernetes_endpoint_port_name", RegexEscape(selector.Port!)),
                    .. NamespaceFilter(job.Namespaces), .. WorkloadFilter(job.Filter), .. PodLabels(), Copy("__meta_kubernetes_service_name", "service")],
            MetricRelabelConfigs: metricRelabel);
    }

    /// <summary>The token file a scrape job sends: the service account's, a file in the container, or a mounted Secret key.</summary>
    public static string? TokenFile(ScrapeAuth? auth) => auth switch
    {
        { ServiceAccountToken: true } => $"{ServiceAccountDirectory}/token",
        { BearerTokenFile: { } file } => file,
        { BearerTokenSecretRef: { } secret } => SecretFile(secret),
        _ => null,
    };

    private static Authorization? ScrapeAuthorization(ScrapeAuth? auth) => TokenFile(auth) is { } file ? new Authorization(file) : null;

    private static TlsConfig? ScrapeTlsConfig(ScrapeTls? tls) => tls is null
        ? null
        : TlsFiles(tls.ClusterCa ? ClusterCaFile : tls.CaSecretRef is { } ca ? SecretFile(ca) : null, tls.ClientCertSecretRef, tls.InsecureSkipVerify, tls.ServerName);

    /// <summary>The cluster's CA, as the service account sees it.</summary>
    public const string ClusterCaFile = $"{ServiceAccountDirectory}/ca.crt";

    private static KubernetesSdConfig Discovery(string role, NamespaceSelector? namespaces) =>
        new(role, namespaces is { Include.IsEmpty: false } ? new NamespaceDiscovery([.. namespaces.Include.Order(StringComparer.Ordinal)]) : null);

    /// <summary>The prometheus.io/scrape, /path, /port and /scheme annotations of pods or services.</summary>
    private static IEnumerable<RelabelConfig> AnnotatedTargets(string owner)
    {
        var prefix = $"__meta_kubernetes_{owner}_annotation_prometheus_io_";
        yield return Keep(prefix + "scrape", "true");
        if (owner == "pod")
        {
            yield return new RelabelConfig(["__meta_kubernetes_pod_phase"], Regex: "Pending|Succeeded|Failed|Completed", Action: "drop");
        }

        yield return new RelabelConfig([prefix + "path"], Regex: "(.+)", TargetLabel: "__metrics_path__");
        yield return new RelabelConfig(["__address__", prefix + "port"], Regex: "([^:]+)(?::\\d+)?;(\\d+)", TargetLabel: "__address__", Replacement: "$1:$2");
        yield return new RelabelConfig([prefix + "scheme"], Regex: "(https?)", TargetLabel: "__scheme__");
    }

    private static IEnumerable<RelabelConfig> NamespaceFilter(NamespaceSelector? namespaces)
    {
        if (namespaces is { Exclude.IsEmpty: false })
        {
            yield return new RelabelConfig(["__meta_kubernetes_namespace"], Regex: Alternatives(namespaces.Exclude), Action: "drop");
        }
    }

    /// <summary>
    /// Drops pods of the listed workloads: owned directly by a StatefulSet, DaemonSet or Job of that name, or by a
    /// ReplicaSet named after the Deployment plus its pod-template hash.
    /// </summary>
    private static IEnumerable<RelabelConfig> WorkloadFilter(MetricFilter? filter)
    {
        if (filter is { DropWorkloads.IsEmpty: false })
        {
            var names = Alternatives(filter.DropWorkloads.Select(RegexEscape));
            yield return new RelabelConfig(["__meta_kubernetes_pod_controller_kind", "__meta_kubernetes_pod_controller_name"],
                Regex: $"ReplicaSet;{names}-[a-z0-9]+|(StatefulSet|DaemonSet|Job|ReplicaSet);{names}", Action: "drop");
        }
    }

    private static IEnumerable<RelabelConfig> PodLabels() =>
    [
        Copy("__meta_kubernetes_namespace", "namespace"),
        Copy("__meta_kubernetes_pod_name", "pod"),
        Copy("__meta_kubernetes_pod_container_name", "container"),
    ];

    private static ImmutableArray<RelabelConfig> MetricRelabeling(MetricFilter? filter)
    {
        var rules = ImmutableArray.CreateBuilder<RelabelConfig>();
        if (filter is { DropMetrics.IsEmpty: false })
        {
            rules.Add(new RelabelConfig(["__name__"], Regex: "(" + string.Join("|", filter.DropMetrics) + ")", Action: "drop"));
        }

        if (filter is { DropLabels.IsEmpty: false })
        {
            rules.Add(new RelabelConfig(Regex: Alternatives(filter.DropLabels), Action: "labeldrop"));
        }

        return rules.ToImmutable();
    }

    private static RemoteWriteConfig RemoteWrite(RemoteWritePlan plan)
    {
        var endpoint = plan.Endpoint;
        return new RemoteWriteConfig(endpoint.Url, plan.Backend.Name,
            endpoint.Tenant is { } tenant ? ObjectFactory.Map(("X-Scope-OrgID", tenant)) : null,
            plan.QueueCapacity is { } capacity ? new QueueConfig(capacity) : null,
            endpoint.Auth?.Basic is { } basic
                ? new BasicAuth(basic.Username, basic.UserSecretRef is { } user ? SecretFile(user) : null, SecretFile(basic.PasswordSecretRef))
                : null,
            endpoint.Auth?.BearerTokenSecretRef is { } token ? new Authorization(SecretFile(token)) : null,
            Tls(endpoint.Tls),
            [Keep("job", Alternatives(plan.JobNames.Select(RegexEscape)))]);
    }

    private static TlsConfig? Tls(TlsSettings? tls) => tls is null
        ? null
        : TlsFiles(tls.CaSecretRef is { } ca ? SecretFile(ca) : null, tls.ClientCertSecretRef, tls.InsecureSkipVerify);

    /// <summary>A tls_config of mounted files: the CA, and the client certificate and key from their Secret.</summary>
    private static TlsConfig TlsFiles(string? caFile, ClientCertificateRef? clientCert, bool insecureSkipVerify, string? serverName = null) => new(
        caFile,
        clientCert is null ? null : $"{SecretsDirectory}/{clientCert.Name}/{clientCert.CertKey}",
        clientCert is null ? null : $"{SecretsDirectory}/{clientCert.Name}/{clientCert.KeyKey}",
        insecureSkipVerify ? true : null,
        serverName);

    /// <summary>Where a Secret key is mounted in the Prometheus pod.</summary>
    public static string SecretFile(SecretKeyRef secret) => $"{SecretsDirectory}/{secret.Name}/{secret.Key}";

    private static RelabelConfig Keep(string label, string regex) => new([label], Regex: regex, Action: "keep");

    private static RelabelConfig Copy(string label, string target) => new([label], TargetLabel: target);

    private static string Alternatives(IEnumerable<string> values) => "(" + string.Join("|", values.Order(StringComparer.Ordinal)) + ")";

    private static string RegexEscape(string value) => System.Text.RegularExpressions.Regex.Escape(value).Replace("\\ ", " ");

    /// <summary>Kubernetes label names as Prometheus service discovery spells them in meta labels.</summary>
    private static string Sanitize(string label) => new([.. label.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
}
