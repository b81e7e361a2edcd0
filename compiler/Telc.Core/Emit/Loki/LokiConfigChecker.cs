using System.Text.Json;
using Telc.Emit.OtelCollector;
using Telc.Output;

namespace Telc.Emit.Loki;

/// <summary>Checks a rendered loki.yaml against the schema derived from the pinned Loki's config structs (loki-config.json), as Loki's strict YAML decoding would.</summary>
public static class LokiConfigChecker
{
    private static readonly Lazy<(string Version, IReadOnlyDictionary<string, JsonElement> Types, JsonElement Config)> Schema = new(() =>
    {
        var root = EmbeddedData.Json("loki-config.json");
        return (root.GetProperty("loki").GetProperty("version").GetString()!,
            root.GetProperty("types").EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
            root.GetProperty("config"));
    });

    public static string Version => Schema.Value.Version;

    public static IReadOnlyList<ConfigProblem> Check(OutMap config)
    {
        var (version, types, node) = Schema.Value;
        var checker = new SchemaNodeChecker(types, new Dictionary<string, JsonElement>(), $"Loki {version}");
        checker.Check("loki.yaml", config, node);
        return checker.Problems;
    }
}
