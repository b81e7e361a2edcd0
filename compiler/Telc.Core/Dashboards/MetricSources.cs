using Telc.Spec.Kinds;

namespace Telc.Dashboards;

/// <summary>
/// Metrics whose name says which exporter makes them, and the MetricPipeline input that collects that exporter:
/// node_* from node-exporter, kube_* from kube-state-metrics, container_* and kubelet_* from the kubelet and
/// cAdvisor, istio_* and envoy_* from Istio's sidecars. Recorded series (names with a colon) come from rules instead.
/// </summary>
public static class MetricSources
{
    private static readonly MetricSource[] Sources =
    [
        new("node_", "node", "node-exporter", i => i.Node is { Enabled: true }),
        new("kube_", "kubeState", "kube-state-metrics", i => i.KubeState is { Enabled: true }),
        new("container_", "runtime", "cAdvisor", i => i.Runtime is { Enabled: true }),
        new("kubelet_", "runtime", "the kubelet", i => i.Runtime is { Enabled: true }),
        new("istio_", "istio", "Istio's sidecars", i => i.Istio is { Enabled: true }),
        new("envoy_", "istio", "Istio's sidecars", i => i.Istio is { Enabled: true }),
    ];

    /// <summary>The exporter the metric comes from; null for a name that does not say.</summary>
    public static MetricSource? Of(string metric) =>
        metric.Contains(':', StringComparison.Ordinal) ? null : Array.Find(Sources, s => metric.StartsWith(s.Prefix, StringComparison.Ordinal));
}

/// <summary>An exporter: the prefix of its metrics, the pipeline input that collects it, and whether an input set does.</summary>
public sealed record MetricSource(string Prefix, string Input, string Exporter, Func<MetricInputs, bool> Collects);
