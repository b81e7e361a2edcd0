using System.Collections.Immutable;

namespace Telc.Spec.Kinds;

[Doc("The manifest of a preset in a catalog (presets/<name>/preset.yaml): its version, where it fits, what it needs, its options, scrape jobs and metric vocabulary. Its AlertGroups are the other documents of the folder.")]
public sealed record PresetSpec(
    [Doc("Semantic version of this preset, e.g. 1.2.0; uses ask for 1, 1.x, 1.2 or 1.2.0."), Pattern(PresetSpec.VersionPattern, "1.0.0")] Located<string> Version,
    [Doc("Platforms the preset fits (kind, eks, gke, aks, openstack, generic); every platform when left out.")] ImmutableArray<Located<string>> Platforms,
    [Doc("MetricPipeline inputs whose metrics the preset reads (prometheus, otlp, runtime, node, kubeState, istio); telc warns when a cluster collects one of them in no pipeline.")]
    ImmutableArray<Located<string>> Requires,
    [Doc("Names of the scrape jobs and AlertGroups that watch the control plane: off on managed control planes (eks, gke, aks) unless a use sets controlPlane.")]
    ImmutableArray<Located<string>> ControlPlane,
    [Doc("Options, each a string with a default that ${name} in the preset's documents is replaced with.")] ImmutableArray<PresetOption> Options,
    [Doc("Scrape jobs, rendered in a metric pipeline named after the preset that ships to the cluster's Prometheus.")] ImmutableArray<ScrapeSelector> Scrape,
    [Doc("The metrics the component exposes, by name and type.")] ImmutableArray<MetricDeclaration> Metrics) : SpecNode
{
    public const string VersionPattern = "^[0-9]+\\.[0-9]+\\.[0-9]+$";
}

/// <summary>The MetricPipeline inputs a preset may need, as <see cref="PresetSpec.Requires"/> names them.</summary>
public enum PresetInput
{
    Prometheus,
    Otlp,
    Runtime,
    Node,
    KubeState,
    Istio,
}

[Doc("An option of a preset.")]
public sealed record PresetOption(
    [Doc("Name used as ${name} in the preset's documents and as a key of a use's params."), Pattern("^[a-zA-Z][a-zA-Z0-9]*$", "cpuThrottlingPercent")] Located<string> Name,
    [Doc("What the option changes.")] string Description,
    [Doc("Value used when a use does not set it.")] string Default) : SpecNode;

[Doc("A metric the component exposes.")]
public sealed record MetricDeclaration(
    [Doc("Metric name; for a histogram or summary its base name without _bucket, _sum or _count."), Pattern("^[a-zA-Z_:][a-zA-Z0-9_:]*$", "etcd_server_has_leader")] string Name,
    [Doc("Metric type.")] MetricType Type,
    [Doc("What it measures.")] string? Help) : SpecNode;

public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
    Summary,
    Info,
    Stateset,
}
