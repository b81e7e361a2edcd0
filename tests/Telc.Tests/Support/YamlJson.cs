using System.Globalization;
using System.Text.Json.Nodes;
using Telc.Parsing;

namespace Telc.Tests.Support;

/// <summary>Converts a YAML syntax tree to JSON text, so a standard JSON Schema validator can check it.</summary>
public static class YamlJson
{
    public static string ToJson(YamlNode node) => Convert(node)?.ToJsonString() ?? "null";

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMapping mapping => new JsonObject(mapping.Entries.Select(e => KeyValuePair.Create(e.Key.Value, Convert(e.Value)))),
        YamlSequence sequence => new JsonArray([.. sequence.Items.Select(Convert)]),
        YamlScalar { Type: ScalarType.Null } => null,
        YamlScalar { Type: ScalarType.Bool } s => JsonValue.Create(bool.Parse(s.Value)),
        YamlScalar { Type: ScalarType.Int } s => JsonValue.Create(long.Parse(s.Value, CultureInfo.InvariantCulture)),
        YamlScalar { Type: ScalarType.Float } s => JsonValue.Create(double.Parse(s.Value, CultureInfo.InvariantCulture)),
        YamlScalar s => JsonValue.Create(s.Value),
        _ => null,
    };
}
