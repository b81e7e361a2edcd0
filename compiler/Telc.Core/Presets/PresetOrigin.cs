using System.Collections.Immutable;

namespace Telc.Presets;

/// <summary>Where an expanded resource comes from: a preset at a version, switched on by the named clusters.</summary>
public sealed record PresetOrigin(string Preset, PresetVersion Version, ImmutableSortedSet<string> Clusters);
