using System.Collections.Immutable;

namespace Telc.Spec.Kinds;

public enum Platform
{
    Kind,
    Eks,
    Gke,
    Aks,
    Openstack,
    Generic,
}

[Doc("A target cluster; each gets its own output folder.")]
public sealed record ClusterSpec(
    [Doc("Environment of the cluster, one of the Project's environments (default dev, stage, prod)."), Reference(SymbolKind.Environment)]
    Located<string> Environment,
    [Doc("Where the cluster runs. Managed control planes (eks, gke, aks) switch control-plane alerts off."), Default(Platform.Generic)]
    Platform Platform,
    [Doc("Namespace the telemetry stack runs in; the Project default when left out."), Pattern(Names.DnsLabel, "telemetry")]
    string? Namespace,
    [Doc("Presets switched on for this cluster.")] ImmutableArray<PresetUse> Presets,
    [Doc("External labels added to every series and alert leaving this cluster.")] ImmutableSortedDictionary<string, string> ExternalLabels)
    : SpecNode;
