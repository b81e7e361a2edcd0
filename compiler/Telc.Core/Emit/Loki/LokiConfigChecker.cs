using Telc.Output;

namespace Telc.Emit.Loki;

/// <summary>Checks a rendered loki.yaml against the schema derived from the pinned Loki's config structs (loki-config.json), as Loki's strict YAML decoding would.</summary>
public static class LokiConfigChecker
{
    private static readonly StoreConfigSchema Schema = new("loki");

    public static string Version => Schema.Version;

    public static IReadOnlyList<ConfigProblem> Check(OutMap config) => Schema.Check(config);
}
