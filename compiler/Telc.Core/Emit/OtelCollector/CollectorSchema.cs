using System.Collections.Frozen;
using System.Text.Json;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// The configuration schema of the pinned collector's components (collector-components.json, derived from the
/// upstream config.schema.yaml files and config structs): each component's settings, signals and old names, the
/// stanza operators and the service section.
/// </summary>
public sealed class CollectorSchema
{
    private static readonly Lazy<CollectorSchema> PinnedSchema = new(() => Parse(EmbeddedData.Json("collector-components.json")));

    public static CollectorSchema Pinned => PinnedSchema.Value;

    private CollectorSchema(
        string version, FrozenDictionary<string, JsonElement> types, FrozenDictionary<(string Kind, string Type), ComponentSchema> components,
        FrozenDictionary<string, JsonElement> operators, JsonElement? service)
    {
        Version = version;
        Types = types;
        Components = components;
        Operators = operators;
        Service = service;
    }

    public string Version { get; }

    public FrozenDictionary<string, JsonElement> Types { get; }

    public FrozenDictionary<(string Kind, string Type), ComponentSchema> Components { get; }

    public FrozenDictionary<string, JsonElement> Operators { get; }

    public JsonElement? Service { get; }

    /// <summary>The component of this kind named type, or the one type used to be called.</summary>
    public ComponentSchema? Find(string kind, string type) =>
        Components.GetValueOrDefault((kind, type)) ?? Components.Values.FirstOrDefault(c => c.Kind == kind && c.DeprecatedTypes.Contains(type));

    public static CollectorSchema Parse(JsonElement root)
    {
        var collector = root.GetProperty("collector");
        var version = collector.TryGetProperty("contribVersion", out var contrib) ? contrib.GetString()! : collector.GetProperty("coreVersion").GetString()!;
        var components = root.GetProperty("components").EnumerateArray().Select(ComponentSchema.Parse).ToFrozenDictionary(c => (c.Kind, c.Type));
        return new CollectorSchema(version,
            Members(root, "types"),
            components,
            Members(root, "operators"),
            root.TryGetProperty("service", out var service) ? service.Clone() : null);
    }

    private static FrozenDictionary<string, JsonElement> Members(JsonElement root, string name) =>
        root.TryGetProperty(name, out var section)
            ? section.EnumerateObject().ToFrozenDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : FrozenDictionary<string, JsonElement>.Empty;
}

/// <summary>One component of the pinned collector: its kind, name, former names, signals (connectors: from_to_to pairs) and settings.</summary>
public sealed record ComponentSchema(string Kind, string Type, IReadOnlyList<string> DeprecatedTypes, IReadOnlyList<string> Signals, JsonElement Config)
{
    public static ComponentSchema Parse(JsonElement element) => new(
        element.GetProperty("kind").GetString()!,
        element.GetProperty("type").GetString()!,
        Strings(element, "deprecatedTypes"),
        Strings(element, "signals"),
        element.GetProperty("config").Clone());

    private static string[] Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var values) ? [.. values.EnumerateArray().Select(v => v.GetString()!)] : [];
}
