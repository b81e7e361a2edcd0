using System.Collections.Immutable;
using Telc.Output;

namespace Telc.Emit.Prometheus;

// prometheus.yml, as documented at prometheus.io/docs/prometheus/latest/configuration/configuration/.
public sealed record PrometheusConfig(
    GlobalConfig Global,
    ImmutableArray<string> RuleFiles,
    AlertingConfig? Alerting,
    ImmutableArray<ScrapeConfig> ScrapeConfigs,
    ImmutableArray<RemoteWriteConfig> RemoteWrite) : ISnakeCaseOutput;

public sealed record GlobalConfig(string ScrapeInterval, string EvaluationInterval, ImmutableSortedDictionary<string, string> ExternalLabels) : ISnakeCaseOutput;

public sealed record AlertingConfig(ImmutableArray<AlertmanagerEndpoints> Alertmanagers, ImmutableArray<RelabelConfig> AlertRelabelConfigs = default) : ISnakeCaseOutput;

public sealed record AlertmanagerEndpoints(ImmutableArray<StaticConfig> StaticConfigs, string ApiVersion = "v2") : ISnakeCaseOutput;

public sealed record StaticConfig(ImmutableArray<string> Targets) : ISnakeCaseOutput;

public sealed record ScrapeConfig(
    string JobName,
    string ScrapeInterval,
    string? MetricsPath = null,
    string? Scheme = null,
    bool? HonorLabels = null,
    Authorization? Authorization = null,
    TlsConfig? TlsConfig = null,
    ImmutableArray<StaticConfig> StaticConfigs = default,
    ImmutableArray<KubernetesSdConfig> KubernetesSdConfigs = default,
    ImmutableArray<RelabelConfig> RelabelConfigs = default,
    ImmutableArray<RelabelConfig> MetricRelabelConfigs = default) : ISnakeCaseOutput;

public sealed record KubernetesSdConfig(string Role, NamespaceDiscovery? Namespaces = null) : ISnakeCaseOutput;

public sealed record NamespaceDiscovery(ImmutableArray<string> Names) : ISnakeCaseOutput;

public sealed record Authorization(string CredentialsFile, string Type = "Bearer") : ISnakeCaseOutput;

public sealed record TlsConfig(string? CaFile = null, string? CertFile = null, string? KeyFile = null, bool? InsecureSkipVerify = null, string? ServerName = null) : ISnakeCaseOutput;

public sealed record BasicAuth(string? Username, string? UsernameFile, string PasswordFile) : ISnakeCaseOutput;

public sealed record RelabelConfig(
    ImmutableArray<string> SourceLabels = default,
    string? Separator = null,
    string? Regex = null,
    string? TargetLabel = null,
    string? Replacement = null,
    string? Action = null) : ISnakeCaseOutput;

public sealed record RemoteWriteConfig(
    string Url,
    string Name,
    ImmutableSortedDictionary<string, string>? Headers = null,
    QueueConfig? QueueConfig = null,
    BasicAuth? BasicAuth = null,
    Authorization? Authorization = null,
    TlsConfig? TlsConfig = null,
    ImmutableArray<RelabelConfig> WriteRelabelConfigs = default) : ISnakeCaseOutput;

public sealed record QueueConfig(int Capacity) : ISnakeCaseOutput;

// Rule files, as promtool check rules reads them.
public sealed record RuleFile(ImmutableArray<RuleGroupConfig> Groups) : ISnakeCaseOutput;

public sealed record RuleGroupConfig(string Name, string? Interval, ImmutableArray<RuleConfig> Rules) : ISnakeCaseOutput;

public sealed record RuleConfig(
    string? Record,
    string? Alert,
    string Expr,
    string? For,
    string? KeepFiringFor,
    ImmutableSortedDictionary<string, string> Labels,
    ImmutableSortedDictionary<string, string> Annotations) : ISnakeCaseOutput
{
    /// <summary>One of telc's own alerts on a component it runs: a severity label, a summary and a description.</summary>
    public static RuleConfig OwnAlert(string name, string expr, string @for, string severity, string summary, string description) =>
        new(null, name, expr, @for, null,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("severity", severity)]),
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("summary", summary), KeyValuePair.Create("description", description)]));
}
