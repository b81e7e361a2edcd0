using System.Collections.Immutable;

namespace Telc.Presets;

/// <summary>Where an expanded resource comes from: a preset, switched on the same way by the named clusters.</summary>
public sealed record PresetOrigin(string Preset, ImmutableSortedSet<string> Clusters);
