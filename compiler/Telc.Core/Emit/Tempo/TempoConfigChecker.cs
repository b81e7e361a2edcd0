using Telc.Output;

namespace Telc.Emit.Tempo;

/// <summary>
/// Checks a rendered tempo.yaml against the schema derived from the pinned Tempo's config structs (tempo-config.json),
/// as Tempo's strict YAML decoding would: unknown keys, types, Go durations (block_retention takes no d unit).
/// </summary>
public static class TempoConfigChecker
{
    private static readonly StoreConfigSchema Schema = new("tempo");

    public static string Version => Schema.Version;

    public static IReadOnlyList<ConfigProblem> Check(OutMap config) => Schema.Check(config);
}
