using System.Collections.Immutable;
using Telc.Spec.Kinds;

namespace Telc.Spec;

/// <summary>Every bound document of a spec, in file order, and the JSON files documents may name.</summary>
public sealed record SpecModel(ImmutableArray<Resource> Resources)
{
    /// <summary>The JSON files under the spec root by spec path (dashboards a document names).</summary>
    public ImmutableSortedDictionary<string, Text.SourceFile> Attachments { get; init; } = ImmutableSortedDictionary<string, Text.SourceFile>.Empty;

    /// <summary>The metrics the preset catalog declares, with their types.</summary>
    public Presets.MetricVocabulary Vocabulary { get; init; } = Presets.MetricVocabulary.Empty;

    public IEnumerable<(Resource Resource, TSpec Spec)> OfKind<TSpec>()
        where TSpec : SpecNode
    {
        foreach (var resource in Resources)
        {
            if (resource.Spec is TSpec spec)
            {
                yield return (resource, spec);
            }
        }
    }

    public ProjectSpec? Project => OfKind<ProjectSpec>().Select(p => p.Spec).FirstOrDefault();

    /// <summary>The tier of each environment the Project declares (dev, stage and prod without a Project).</summary>
    public ImmutableSortedDictionary<string, EnvironmentTier> EnvironmentTiers =>
        EnvironmentDeclaration.Tiers(Project?.Environments ?? default);

    /// <summary>The tier of an environment; null for an environment the Project does not declare with a tier.</summary>
    public EnvironmentTier? TierOf(string environment) => EnvironmentTiers.TryGetValue(environment, out var tier) ? tier : null;
}
