using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Presets;

/// <summary>
/// The presets a cluster switches on: the Project's, which every cluster gets, and the cluster's own. A preset both
/// name takes the version in both ranges, the cluster's options over the Project's, and for an alert both override,
/// the cluster's override.
/// </summary>
public sealed record PresetUses(PresetUse? Project, PresetUse? Cluster)
{
    public PresetUse Effective => (Project, Cluster) switch
    {
        ({ } project, { } cluster) => cluster with
        {
            Params = project.Params.SetItems(cluster.Params),
            ControlPlane = cluster.ControlPlane ?? project.ControlPlane,
            Alerts = project.Alerts.SetItems(cluster.Alerts),
            Dashboards = project.Dashboards.SetItems(cluster.Dashboards),
        },
        ({ } project, null) => project,
        _ => Cluster!,
    };

    /// <summary>The use diagnostics about this cluster's preset point at: the cluster's own, else the Project's.</summary>
    public PresetUse Nearest => Cluster ?? Project!;

    public string[] Ranges => (Project, Cluster) switch
    {
        ({ } project, { } cluster) => [project.Version, cluster.Version],
        _ => [Nearest.Version],
    };

    public static IEnumerable<PresetUses> Of(ProjectSpec? project, ClusterSpec cluster)
    {
        var own = Distinct(cluster.Presets);
        var pinned = Distinct(project?.Presets ?? default);
        return pinned.Keys.Union(own.Keys).Order(StringComparer.Ordinal)
            .Select(name => new PresetUses(pinned.GetValueOrDefault(name), own.GetValueOrDefault(name)));
    }

    /// <summary>A list's uses by name; a name listed twice is reported by the binder (TELC137) and its first use kept.</summary>
    public static ImmutableSortedDictionary<string, PresetUse> Distinct(ImmutableArray<PresetUse> uses) =>
        (uses.IsDefault ? [] : uses).GroupBy(u => u.Name, StringComparer.Ordinal).ToImmutableSortedDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
}
