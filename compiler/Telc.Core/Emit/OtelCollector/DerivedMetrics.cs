using Telc.Model;
using Telc.Output;
using Telc.Spec.Kinds;
using static Telc.Output.OutTree;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// Metrics derived from log records, computed by the signal_to_metrics connector and remote-written to the cluster's
/// Prometheus under exactly the name the spec gives. The connector aggregates over every record it sees and marks its
/// output with the collector instance (the label signaltometrics_service_instance_id), so two agents never write the
/// same series; on the agent the node (k8s_node_name) is a label too.
/// </summary>
public static class DerivedMetrics
{
    /// <summary>Default histogram buckets, in the unit of the observed field.</summary>
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static OutMap? Connector(CollectorPipelinePlan part) =>
        part.Logs is { DerivedMetrics.IsDefaultOrEmpty: false } logs
            ? Map(("logs", Seq(logs.DerivedMetrics.Select(m => Metric(part, m)))))
            : null;

    public static OutMap Exporter(CollectorPipelinePlan part, string prometheusHost) => Map(
        ("endpoint", $"http://{prometheusHost}:9090/api/v1/write"),
        ("add_metric_suffixes", false),
        ("resource_to_telemetry_conversion", Map(("enabled", true))),
        ("remote_write_queue", Map(("enabled", true), ("queue_size", part.Buffer.QueueSize))),
        ("retry_on_failure", Exporters.Retry(part.Buffer.RetryFor)));

    /// <summary>
    /// The resource attributes kept as labels: those the spec names, and on the agent the node. Never none, because
    /// the connector keeps every resource attribute (pod names and UIDs among them) when it is given none.
    /// </summary>
    private static IEnumerable<string> ResourceLabels(CollectorPipelinePlan part, IEnumerable<string> labels)
    {
        var named = labels.Select(Ottl.ResourceAttribute).OfType<string>();
        var always = part.Role == CollectorRole.Agent ? "k8s.node.name" : "k8s.namespace.name";
        return part.Role == CollectorRole.Agent || !named.Any() ? named.Append(always).Distinct() : named;
    }

    private static OutMap Metric(CollectorPipelinePlan part, DerivedMetric metric)
    {
        var labels = metric.Labels.IsDefault ? [] : metric.Labels;
        return Map(
            ("name", metric.Name),
            ("description", $"derived from the log records of {part.Pipeline.DisplayName}"),
            ("conditions", metric.Match is { } match ? Seq(Ottl.Matches(match.Field, match.Matches)) : null),
            ("attributes", SeqOrNone(labels.Where(l => Ottl.ResourceAttribute(l) is null).Select(l => Map(("key", l))))),
            ("include_resource_attributes", Seq(ResourceLabels(part, labels).Select(l => Map(("key", l))))),
            ("sum", metric.Type == DerivedMetricType.Counter ? Map(("value", "1")) : null),
            ("histogram", metric.Type == DerivedMetricType.Histogram
                ? Map(("value", $"Double({Ottl.Path(metric.ValueField ?? "value")})"), ("buckets", Seq(Buckets.Cast<object>())))
                : null));
    }
}
