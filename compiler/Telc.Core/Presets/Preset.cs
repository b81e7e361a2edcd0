using System.Collections.Immutable;
using Telc.Parsing;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Presets;

/// <summary>
/// One version of a preset as its catalog holds it: the manifest and AlertGroups bound with the options at their
/// defaults, and the parsed documents they are bound again from when a use sets options.
/// </summary>
public sealed record Preset(
    string Name,
    PresetVersion Version,
    Resource Manifest,
    PresetSpec Spec,
    ImmutableArray<Resource> Groups,
    ImmutableArray<YamlDocument> Documents,
    bool BuiltIn)
{
    public string? Description => Manifest.Metadata.Description;

    /// <summary>The option values of a use: its params over the defaults, and the preset's name as ${preset}.</summary>
    public ImmutableSortedDictionary<string, string> OptionValues(IReadOnlyDictionary<string, string> parameters) =>
        Spec.Options.ToImmutableSortedDictionary(o => o.Name.Value, o => parameters.TryGetValue(o.Name.Value, out var value) ? value : o.Default, StringComparer.Ordinal)
            .SetItem(OptionSubstitution.PresetName, Name);

    public IEnumerable<Rule> Alerts => Groups.SelectMany(g => ((AlertGroupSpec)g.Spec).Rules).Where(r => r.Alert is not null);

    public bool IsControlPlane(string part) => Spec.ControlPlane.Any(p => p.Value == part);
}
