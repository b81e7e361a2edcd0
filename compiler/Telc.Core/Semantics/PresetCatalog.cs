namespace Telc.Semantics;

/// <summary>The presets a spec can switch on, by name, with the versions each offers.</summary>
public sealed record PresetCatalog(IReadOnlyDictionary<string, IReadOnlyList<string>> Versions)
{
    public static PresetCatalog Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>());
}
