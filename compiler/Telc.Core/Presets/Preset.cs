using System.Collections.Immutable;
using Telc.Parsing;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Presets;

/// <summary>
/// One version of a preset as its catalog holds it: the manifest, AlertGroups and Dashboards bound with the options at
/// their defaults, and the parsed documents they are bound again from when a use sets options.
/// </summary>
public sealed record Preset(
    string Name,
    PresetVersion Version,
    Resource Manifest,
    PresetSpec Spec,
    ImmutableArray<Resource> Groups,
    ImmutableArray<Resource> Dashboards,
    ImmutableArray<YamlDocument> Documents,
    bool BuiltIn)
{
    public string? Description => Manifest.Metadata.Description;

    /// <summary>The option values of a use: its params over the defaults, and the preset's name as ${preset}.</summary>
    public ImmutableSortedDictionary<string, string> OptionValues(IReadOnlyDictionary<string, string> parameters) =>
        Spec.Options.ToImmutableSortedDictionary(o => o.Name.Value, o => parameters.TryGetValue(o.Name.Value, out var value) ? value : o.Default, StringComparer.Ordinal)
            .SetItem(OptionSubstitution.PresetName, Name);

    public IEnumerable<Rule> Alerts => Groups.SelectMany(g => ((AlertGroupSpec)g.Spec).Rules).Where(r => r.Alert is not null);

    /// <summary>The inputs the preset requires; names that are none were reported when it was read.</summary>
    public IEnumerable<PresetInput> Inputs => Enum.GetValues<PresetInput>().Where(i => Spec.Requires.Any(r => r.Value == YamlName(i)));

    /// <summary>An enum value as the spec writes it (kubeState, eks).</summary>
    public static string YamlName<T>(T value)
        where T : struct, Enum => value.ToString() is var name ? char.ToLowerInvariant(name[0]) + name[1..] : string.Empty;

    public bool IsControlPlane(string part) => Spec.ControlPlane.Any(p => p.Value == part);
}
