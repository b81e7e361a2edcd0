using System.Collections.Immutable;
using Telc.Emit.Kubernetes;

namespace Telc.Emit.PrometheusOperator;

// Prometheus Operator custom resources (monitoring.coreos.com/v1), as kube-prometheus renders them.
public sealed record PrometheusResource(ObjectMeta Metadata, PrometheusResourceSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "monitoring.coreos.com/v1";

    public string Kind => "Prometheus";
}

public sealed record PrometheusResourceSpec(
    int Replicas,
    string Version,
    string Image,
    string ServiceAccountName,
    string ScrapeInterval,
    string EvaluationInterval,
    ImmutableSortedDictionary<string, string> ExternalLabels,
    string? Retention,
    string? RetentionSize,
    ResourceRequirements Resources,
    PodSecurityContext SecurityContext,
    MonitorSelector RuleSelector,
    MonitorSelector ServiceMonitorSelector,
    MonitorSelector PodMonitorSelector,
    MonitorSelector? ScrapeConfigSelector,
    OperatorAlerting? Alerting,
    OperatorStorage? Storage,
    ImmutableArray<OperatorRemoteWrite> RemoteWrite);

public sealed record MonitorSelector(ImmutableSortedDictionary<string, string> MatchLabels);

public sealed record OperatorAlerting(ImmutableArray<AlertmanagerReference> Alertmanagers);

public sealed record AlertmanagerReference(string Namespace, string Name, string Port = "web", string ApiVersion = "v2");

public sealed record OperatorStorage(VolumeClaimTemplate VolumeClaimTemplate);

public sealed record VolumeClaimTemplate(PersistentVolumeClaimSpec Spec);

public sealed record OperatorRemoteWrite(
    string Url,
    string Name,
    ImmutableSortedDictionary<string, string>? Headers,
    OperatorBasicAuth? BasicAuth,
    OperatorAuthorization? Authorization,
    OperatorTls? TlsConfig,
    OperatorQueueConfig? QueueConfig,
    ImmutableArray<OperatorRelabel> WriteRelabelConfigs);

/// <summary>The remote-write queue: how many samples it holds per shard before reading from the write-ahead log blocks.</summary>
public sealed record OperatorQueueConfig(int Capacity);

public sealed record SecretKeySelector(string Name, string Key);

public sealed record OperatorBasicAuth(SecretKeySelector Password, SecretKeySelector? Username = null);

public sealed record OperatorAuthorization(SecretKeySelector Credentials);

/// <summary>A key of a Secret or of a ConfigMap (such as kube-root-ca.crt, which every namespace has).</summary>
public sealed record SecretOrConfigMap(SecretKeySelector? Secret = null, SecretKeySelector? ConfigMap = null);

public sealed record OperatorRelabel(
    ImmutableArray<string> SourceLabels = default,
    string? Separator = null,
    string? Regex = null,
    string? TargetLabel = null,
    string? Replacement = null,
    string? Action = null);

public sealed record PrometheusRule(ObjectMeta Metadata, PrometheusRuleSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "monitoring.coreos.com/v1";

    public string Kind => "PrometheusRule";
}

public sealed record PrometheusRuleSpec(ImmutableArray<Prometheus.RuleGroupConfig> Groups);

public sealed record ServiceMonitor(ObjectMeta Metadata, MonitorSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "monitoring.coreos.com/v1";

    public string Kind => "ServiceMonitor";
}

public sealed record PodMonitor(ObjectMeta Metadata, PodMonitorSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "monitoring.coreos.com/v1";

    public string Kind => "PodMonitor";
}

public sealed record MonitorSpec(LabelSelectorAny Selector, NamespaceSelectorSpec NamespaceSelector, ImmutableArray<MonitorEndpoint> Endpoints);

public sealed record PodMonitorSpec(LabelSelectorAny Selector, NamespaceSelectorSpec NamespaceSelector, ImmutableArray<MonitorEndpoint> PodMetricsEndpoints);

/// <summary>A label selector that selects everything when it has no labels (written as {}).</summary>
public sealed record LabelSelectorAny(ImmutableSortedDictionary<string, string>? MatchLabels = null);

public sealed record NamespaceSelectorSpec(bool? Any = null, ImmutableArray<string> MatchNames = default);

public sealed record MonitorEndpoint(
    string? Port,
    string? Path,
    string Interval,
    string? Scheme = null,
    bool? HonorLabels = null,
    string? BearerTokenFile = null,
    OperatorTls? TlsConfig = null,
    ImmutableArray<OperatorRelabel> Relabelings = default,
    ImmutableArray<OperatorRelabel> MetricRelabelings = default,
    OperatorAuthorization? Authorization = null);

/// <summary>TLS of a scrape endpoint or remote write: files in the Prometheus container, or Secret and ConfigMap keys the operator mounts.</summary>
public sealed record OperatorTls(
    string? CaFile = null,
    SecretOrConfigMap? Ca = null,
    SecretOrConfigMap? Cert = null,
    SecretKeySelector? KeySecret = null,
    string? ServerName = null,
    bool? InsecureSkipVerify = null);

/// <summary>Fixed targets the operator scrapes (monitoring.coreos.com/v1alpha1), selected by the Prometheus's scrapeConfigSelector.</summary>
public sealed record ScrapeConfigResource(ObjectMeta Metadata, ScrapeConfigSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "monitoring.coreos.com/v1alpha1";

    public string Kind => "ScrapeConfig";
}

public sealed record ScrapeConfigSpec(
    ImmutableArray<OperatorStaticConfig> StaticConfigs,
    string MetricsPath,
    string ScrapeInterval,
    string? Scheme,
    OperatorTls? TlsConfig,
    OperatorAuthorization? Authorization,
    ImmutableArray<OperatorRelabel> Relabelings,
    ImmutableArray<OperatorRelabel> MetricRelabelings);

public sealed record OperatorStaticConfig(ImmutableArray<string> Targets);
