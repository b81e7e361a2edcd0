using System.Text.Json;
using Telc.Output;

namespace Telc.Emit;

/// <summary>
/// The derived schema of a store's config file, embedded as <c>PRODUCT-config.json</c> (loki-config.json,
/// tempo-config.json): <c>{"config": node, "types": {name: node}, "PRODUCT": {"version": …}}</c>, checked node by node
/// as the store's strict YAML decoding would.
/// </summary>
/// <param name="product">The schema's provenance key and the config file's name: loki checks loki.yaml.</param>
public sealed class StoreConfigSchema(string product)
{
    private readonly Lazy<(string Version, IReadOnlyDictionary<string, JsonElement> Types, JsonElement Config)> schema = new(() =>
    {
        var root = EmbeddedData.Json($"{product}-config.json");
        return (root.GetProperty(product).GetProperty("version").GetString()!,
            root.GetProperty("types").EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
            root.GetProperty("config"));
    });

    /// <summary>The version of the store the schema was derived from, which Images.cs must pin.</summary>
    public string Version => schema.Value.Version;

    public IReadOnlyList<ConfigProblem> Check(OutMap config)
    {
        var (version, types, node) = schema.Value;
        var checker = new SchemaNodeChecker(types, new Dictionary<string, JsonElement>(), $"{char.ToUpperInvariant(product[0])}{product[1..]} {version}");
        checker.Check($"{product}.yaml", config, node);
        return checker.Problems;
    }
}
