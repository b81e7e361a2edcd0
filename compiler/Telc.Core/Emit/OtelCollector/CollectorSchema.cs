using System.Collections.Frozen;
using System.Text.Json;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// The configuration schema of a collector distribution's components: each component's settings, signals and old
/// names, the stanza operators and the service section. <see cref="Pinned"/> is the pinned contrib collector
/// (collector-components.json, derived from the upstream config.schema.yaml files and config structs); a distribution
/// built on the collector, such as Jaeger v2, is its own components over the upstream ones it bundles.
/// </summary>
public sealed class CollectorSchema
{
    private static readonly Lazy<CollectorSchema> PinnedSchema = new(() => Parse(EmbeddedData.Json("collector-components.json")));

    public static CollectorSchema Pinned => PinnedSchema.Value;

    private CollectorSchema(
        string consumer, string version, FrozenDictionary<string, JsonElement> types, FrozenDictionary<(string Kind, string Type), ComponentSchema> components,
        FrozenDictionary<string, JsonElement> operators, JsonElement? service)
    {
        Consumer = consumer;
        Version = version;
        Types = types;
        Components = components;
        Operators = operators;
        Service = service;
    }

    /// <summary>What reads the config, as problems name it: "the collector 0.159.0", "Jaeger 2.20.0".</summary>
    public string Consumer { get; }

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
        return new CollectorSchema($"the collector {version}", version,
            Members(root, "types"),
            components,
            Members(root, "operators"),
            root.TryGetProperty("service", out var service) ? service.Clone() : null);
    }

    /// <summary>
    /// A distribution built on the collector (jaeger-components.json: <c>{"PRODUCT": {version}, components, types,
    /// bundled: [{kind, type}], service}</c>): its own components, and those of the upstream ones it bundles that
    /// <paramref name="upstream"/> describes, with their shared types. A bundled component upstream does not describe
    /// is unknown here, so the check refuses it rather than letting it pass unchecked.
    /// </summary>
    /// <param name="product">The provenance key and the consumer's name: jaeger checks Jaeger's config.</param>
    public static CollectorSchema Distribution(JsonElement root, string product, CollectorSchema upstream)
    {
        var version = root.GetProperty(product).GetProperty("version").GetString()!;
        var own = root.GetProperty("components").EnumerateArray().Select(ComponentSchema.Parse).ToArray();
        var bundled = root.GetProperty("bundled").EnumerateArray()
            .Select(b => upstream.Components.GetValueOrDefault((b.GetProperty("kind").GetString()!, b.GetProperty("type").GetString()!)))
            .OfType<ComponentSchema>()
            .Where(b => !own.Any(o => o.Kind == b.Kind && o.Type == b.Type));
        var types = new Dictionary<string, JsonElement>(upstream.Types, StringComparer.Ordinal);
        foreach (var (name, type) in Members(root, "types"))
        {
            types[name] = type;
        }

        return new CollectorSchema($"{char.ToUpperInvariant(product[0])}{product[1..]} {version}", version,
            types.ToFrozenDictionary(StringComparer.Ordinal),
            own.Concat(bundled).ToFrozenDictionary(c => (c.Kind, c.Type)),
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
