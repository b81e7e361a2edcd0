using Telc.Model;
using Telc.Output;
using static Telc.Output.OutTree;

namespace Telc.Emit.Loki;

/// <summary>
/// loki.yaml of a single-binary Loki: TSDB index with schema v13 and chunks on its volume, and a compactor with
/// retention on and a delete-request store (without both, retention settings delete nothing). OTLP resource
/// attributes that become index labels are listed here rather than left to Loki's defaults, so that stream selectors
/// (and the retention of teams) know them. With AlertGroups, the ruler reads their rule files from a ConfigMap (tenant
/// "fake", as Loki names the only tenant without auth), sends alerts to every Alertmanager replica, and writes the
/// series of recording rules to the cluster's Prometheus.
/// </summary>
public static class LokiConfigBuilder
{
    public const int HttpPort = 3100;
    public const int GrpcPort = 9095;
    public const string DataDirectory = "/var/loki";

    /// <summary>Where the ruler's local rule store starts: one folder per tenant below it.</summary>
    public const string RulesDirectory = "/etc/loki-rules";

    /// <summary>The tenant of every request when auth_enabled is false: the ruler loads its rules from RulesDirectory/fake.</summary>
    public const string Tenant = "fake";

    /// <summary>The resource attributes of OTLP logs kept as index labels (dots become underscores: k8s_namespace_name).</summary>
    public static readonly string[] IndexLabels =
    [
        "service.name", "service.namespace", "k8s.namespace.name", "k8s.container.name",
        "k8s.deployment.name", "k8s.statefulset.name", "k8s.daemonset.name", "k8s.cronjob.name", "k8s.job.name", "k8s.node.name",
    ];

    /// <summary>The index labels of every stream, as stream selectors name them: the attributes above with dots as underscores.</summary>
    public static readonly IReadOnlySet<string> IndexLabelNames = IndexLabels.Select(a => a.Replace('.', '_')).ToHashSet(StringComparer.Ordinal);

    /// <summary>The label a team's namespaces are selected by, as Loki names the OTLP attribute.</summary>
    public const string NamespaceLabel = "k8s_namespace_name";

    public static OutMap Build(ClusterPlan cluster, LokiPlan plan) => Map(
        ("auth_enabled", false),
        ("target", "all"),
        ("server", Map(("http_listen_port", HttpPort), ("grpc_listen_port", GrpcPort), ("log_level", "info"))),
        ("common", Map(
            ("path_prefix", DataDirectory),
            ("replication_factor", 1),
            ("ring", Map(("instance_addr", "127.0.0.1"), ("kvstore", Map(("store", "inmemory"))))),
            ("storage", Map(("filesystem", Map(("chunks_directory", $"{DataDirectory}/chunks"), ("rules_directory", plan.Ruler is null ? $"{DataDirectory}/rules" : RulesDirectory))))))),
        ("schema_config", Map(("configs", Seq(Map(
            ("from", "2024-04-01"), ("store", "tsdb"), ("object_store", "filesystem"), ("schema", "v13"),
            ("index", Map(("prefix", "index_"), ("period", "24h")))))))),
        ("storage_config", Map(
            ("tsdb_shipper", Map(("active_index_directory", $"{DataDirectory}/tsdb-index"), ("cache_location", $"{DataDirectory}/tsdb-cache"))),
            ("filesystem", Map(("directory", $"{DataDirectory}/chunks"))))),
        ("compactor", Map(
            ("working_directory", $"{DataDirectory}/compactor"),
            ("compaction_interval", "10m"),
            ("retention_enabled", true),
            ("retention_delete_delay", "2h"),
            ("delete_request_store", "filesystem"))),
        ("limits_config", Map(
            ("retention_period", plan.Retention?.Text),
            ("retention_stream", SeqOrNone(plan.Streams.Select(s => Map(
                ("selector", $"{{{NamespaceLabel}=~\"{string.Join("|", s.Namespaces.Select(System.Text.RegularExpressions.Regex.Escape))}\"}}"),
                ("priority", s.Priority),
                ("period", s.Period.Text))))),
            ("allow_structured_metadata", true),
            ("volume_enabled", true),
            ("otlp_config", Map(("resource_attributes", Map(
                ("ignore_defaults", true),
                ("attributes_config", Seq(Map(("action", "index_label"), ("attributes", Seq(IndexLabels))))))))))),
        ("ruler", plan.Ruler is { } ruler ? Ruler(cluster, ruler) : null),
        ("analytics", Map(("reporting_enabled", false))));

    private static OutMap Ruler(ClusterPlan cluster, LokiRulerPlan ruler) => Map(
        ("storage", Map(("type", "local"), ("local", Map(("directory", RulesDirectory))))),
        ("rule_path", $"{DataDirectory}/rules-temp"),
        ("enable_api", true),
        // Each URL is a group of its own, so every replica gets every alert, as Prometheus sends them; the replicas deduplicate.
        ("alertmanager_url", ruler.AlertmanagerUrls.IsEmpty ? null : string.Join(",", ruler.AlertmanagerUrls)),
        ("external_labels", Map(cluster.ExternalLabels.Select(l => (l.Key, (object?)l.Value)))),
        ("wal", ruler.RecordsTo is null ? null : Map(("dir", $"{DataDirectory}/ruler-wal"))),
        ("remote_write", ruler.RecordsTo is { } prometheus
            ? Map(("enabled", true), ("clients", Map((prometheus.ObjectName, Map(("url", $"http://{prometheus.ObjectName}.{cluster.Namespace}.svc:9090/api/v1/write"))))))
            : null));
}
