using System.Collections.Frozen;
using System.Text.Json;

namespace Telc.Emit.FluentBit;

/// <summary>
/// The properties of the pinned Fluent Bit's plugins (fluent-bit-plugins.json, derived from each plugin's config map
/// in the upstream sources): per input, filter and output plugin, those every plugin of the kind takes, the service
/// section's, and those of parsers and multiline parsers. Names are lower case, as Fluent Bit compares them.
/// </summary>
public sealed class FluentBitSchema
{
    private static readonly Lazy<FluentBitSchema> PinnedSchema = new(() => Parse(EmbeddedData.Json("fluent-bit-plugins.json")));

    public static FluentBitSchema Pinned => PinnedSchema.Value;

    public required string Version { get; init; }

    /// <summary>By kind (input, filter, output), then plugin name.</summary>
    public required FrozenDictionary<string, FrozenDictionary<string, FrozenDictionary<string, FluentBitProperty>>> Plugins { get; init; }

    public required FrozenDictionary<string, FrozenDictionary<string, FluentBitProperty>> Common { get; init; }

    public required FrozenDictionary<string, FluentBitProperty> Service { get; init; }

    public required FrozenDictionary<string, FluentBitProperty> Parser { get; init; }

    public required FrozenDictionary<string, FluentBitProperty> MultilineParser { get; init; }

    /// <summary>The property a plugin of this kind takes under the name, its own or the kind's; a prefix property (rdkafka.) takes every name under it.</summary>
    public FluentBitProperty? Find(string kind, string plugin, string name)
    {
        var own = Plugins[kind][plugin];
        return own.GetValueOrDefault(name) ?? Common[kind].GetValueOrDefault(name)
            ?? own.FirstOrDefault(p => p.Value.Prefix && name.StartsWith(p.Key, StringComparison.Ordinal)).Value;
    }

    public static FluentBitSchema Parse(JsonElement root) => new()
    {
        Version = root.GetProperty("fluentBit").GetProperty("version").GetString()!,
        Plugins = root.GetProperty("plugins").EnumerateObject().ToFrozenDictionary(
            kind => kind.Name, kind => kind.Value.EnumerateObject().ToFrozenDictionary(plugin => plugin.Name, plugin => Properties(plugin.Value), StringComparer.Ordinal), StringComparer.Ordinal),
        Common = root.GetProperty("common").EnumerateObject().ToFrozenDictionary(kind => kind.Name, kind => Properties(kind.Value), StringComparer.Ordinal),
        Service = Properties(root.GetProperty("service")),
        Parser = Properties(root.GetProperty("parser")),
        MultilineParser = Properties(root.GetProperty("multilineParser")),
    };

    private static FrozenDictionary<string, FluentBitProperty> Properties(JsonElement section) =>
        section.EnumerateObject().ToFrozenDictionary(p => p.Name, p => FluentBitProperty.Parse(p.Value), StringComparer.Ordinal);
}

/// <summary>One property: its config-map type (str, int, double, bool, size, time, clist, slist, list), whether it may repeat, and its allowed values where the source lists them.</summary>
public sealed record FluentBitProperty(string Type, bool Multiple, bool Prefix, IReadOnlyList<string> Values)
{
    public static FluentBitProperty Parse(JsonElement element) => new(
        element.GetProperty("type").GetString()!,
        element.TryGetProperty("multiple", out var multiple) && multiple.GetBoolean(),
        element.TryGetProperty("prefix", out var prefix) && prefix.GetBoolean(),
        element.TryGetProperty("values", out var values) ? [.. values.EnumerateArray().Select(v => v.GetString()!)] : []);
}
