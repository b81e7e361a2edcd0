using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telc.Policies;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Schema;

/// <summary>
/// Writes the JSON Schemas (draft-07) of the spec from the same shapes the binder uses: one self-contained file per
/// kind and one entry schema that accepts any document by its kind, for editors' <c>$schema</c> lines.
/// </summary>
/// <param name="policies">The built-in policies, whose options get a schema of their own under the Project's policies.</param>
public sealed class SchemaGenerator(ShapeCatalog shapes, IReadOnlyList<ProtocolPolicy>? policies = null)
{
    public const string BaseUri = "https://telc.io/schemas/v1alpha1/";
    public const string EntryFileName = "telemetry.schema.json";

    /// <summary>File name → JSON text, ordered by file name.</summary>
    public IReadOnlyList<(string FileName, string Json)> Generate()
    {
        var files = SpecKinds.All
            .Select(kind => (FileName: FileName(kind), Json: Serialize(KindSchema(kind))))
            .Append((EntryFileName, Serialize(EntrySchema())))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();
        return files;
    }

    public static string FileName(KindInfo kind) => kind.Name.ToLowerInvariant() + ".schema.json";

    private JsonObject KindSchema(KindInfo kind)
    {
        var definitions = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = BaseUri + FileName(kind),
            ["title"] = kind.Name,
        };
        foreach (var (key, value) in Envelope(kind, definitions))
        {
            schema[key] = value?.DeepClone();
        }

        schema["definitions"] = ToObject(definitions);
        return schema;
    }

    private JsonObject EntrySchema()
    {
        var definitions = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var kinds = new JsonArray();
        foreach (var kind in SpecKinds.All)
        {
            definitions["kind." + kind.Name] = Envelope(kind, definitions);
            kinds.Add((JsonNode)Ref("kind." + kind.Name));
        }

        return new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = BaseUri + EntryFileName,
            ["title"] = "telc spec document",
            ["description"] = "Any telc.io/v1alpha1 document; the kind field selects its schema.",
            ["oneOf"] = kinds,
            ["definitions"] = ToObject(definitions),
        };
    }

    private JsonObject Envelope(KindInfo kind, SortedDictionary<string, JsonNode> definitions)
    {
        var spec = shapes.Record(kind.SpecType);
        return new JsonObject
        {
            ["description"] = spec.Doc,
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["description"] = "Version of the telc spec format.", ["const"] = SpecKinds.ApiVersion },
                ["kind"] = new JsonObject { ["description"] = "Kind of the document.", ["const"] = kind.Name },
                ["metadata"] = Value(new RecordShapeRef(typeof(Metadata)), definitions, "Identity of the document."),
                ["spec"] = Value(new RecordShapeRef(kind.SpecType), definitions, spec.Doc),
            },
            ["required"] = Strings(spec.MustBeWritten ? ["apiVersion", "kind", "metadata", "spec"] : ["apiVersion", "kind", "metadata"]),
            ["additionalProperties"] = false,
        };
    }

    private JsonObject Value(ValueShape shape, SortedDictionary<string, JsonNode> definitions, string? description = null)
    {
        var node = shape switch
        {
            StringShape => new JsonObject { ["type"] = "string" },
            BoolShape => new JsonObject { ["type"] = "boolean" },
            IntegerShape => new JsonObject { ["type"] = "integer" },
            NumberShape => new JsonObject { ["type"] = "number" },
            EnumShape e => new JsonObject { ["type"] = "string", ["enum"] = Strings(e.Members.Select(m => m.Name)) },
            ParsedShape p => new JsonObject { ["type"] = "string", ["pattern"] = p.Pattern },
            LocatedShape l => Value(l.Inner, definitions),
            ListShape l => new JsonObject { ["type"] = "array", ["items"] = Value(l.Item, definitions) },
            MapShape m => new JsonObject { ["type"] = "object", ["additionalProperties"] = Value(m.Value, definitions) },
            RecordShapeRef r => RecordRef(r.Type, definitions),
            _ => throw new InvalidOperationException($"unhandled shape {shape}"),
        };
        if (description is not null)
        {
            node = node.ContainsKey("$ref") ? new JsonObject { ["description"] = description, ["allOf"] = new JsonArray(node) } : node;
            node["description"] ??= description;
        }

        return node;
    }

    private JsonObject RecordRef(Type type, SortedDictionary<string, JsonNode> definitions)
    {
        var name = type.Name;
        if (!definitions.ContainsKey(name))
        {
            definitions[name] = new JsonObject(); // reserve first: records may contain themselves
            definitions[name] = RecordSchema(shapes.Record(type), definitions);
        }

        return Ref(name);
    }

    private JsonObject RecordSchema(RecordShape shape, SortedDictionary<string, JsonNode> definitions)
    {
        var properties = new JsonObject();
        foreach (var field in shape.Fields)
        {
            var property = Value(field.Value, definitions, field.Doc);
            if (field.Pattern is { } pattern)
            {
                Target(property)["pattern"] = pattern.Pattern;
                if (pattern.Pattern == Names.DnsLabel)
                {
                    Target(property)["maxLength"] = 63;
                }
            }

            if (field.Range is { } range)
            {
                property["minimum"] = range.Minimum;
                if (range.Maximum != double.MaxValue)
                {
                    property["maximum"] = range.Maximum;
                }
            }

            if (field.Default is { } value)
            {
                property["default"] = Default(value, field.Value);
            }

            if (shape.Type == typeof(ProjectSpec) && field.YamlName == "policies" && policies is { Count: > 0 })
            {
                property["properties"] = PolicyProperties(definitions);
            }

            properties[field.YamlName] = property;
        }

        var schema = new JsonObject
        {
            ["description"] = shape.Doc,
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        var required = shape.Fields.Where(f => f.Required).Select(f => f.YamlName).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = Strings(required);
        }

        if (shape.Fields.Where(f => f.RequiredWith is not null).ToArray() is { Length: > 0 } dependent)
        {
            schema["dependencies"] = new JsonObject([.. dependent.GroupBy(f => f.RequiredWith!).Select(g =>
                new KeyValuePair<string, JsonNode?>(g.Key, Strings([.. g.Select(f => f.YamlName)])))]);
        }

        if (!shape.ExactlyOneOf.IsEmpty)
        {
            schema["oneOf"] = new JsonArray([.. shape.ExactlyOneOf.Select(f => (JsonNode)new JsonObject { ["required"] = Strings([f]) })]);
        }

        if (!shape.AtMostOneOf.IsEmpty)
        {
            schema["not"] = new JsonObject
            {
                ["anyOf"] = new JsonArray([.. Pairs(shape.AtMostOneOf).Select(p => (JsonNode)new JsonObject { ["required"] = Strings([p.A, p.B]) })]),
            };
        }

        if (shape.Shorthand is { } shorthand)
        {
            return new JsonObject
            {
                ["description"] = shape.Doc,
                ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string", ["pattern"] = shorthand.Pattern }, schema),
            };
        }

        return schema;
    }

    /// <summary>Each built-in policy's level and its declared options; other keys (project policies) stay free-form.</summary>
    private JsonObject PolicyProperties(SortedDictionary<string, JsonNode> definitions)
    {
        var level = shapes.Record(typeof(PolicySettings)).Find("level")!;
        var result = new JsonObject();
        foreach (var policy in policies!.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var options = new JsonObject();
            foreach (var option in policy.Options.OrderBy(o => o.Name, StringComparer.Ordinal))
            {
                options[option.Name] = new JsonObject { ["description"] = option.Description, ["type"] = "string", ["default"] = option.Default };
            }

            result[policy.Id] = new JsonObject
            {
                ["description"] = $"{policy.Title}. {policy.Help}",
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["level"] = Value(level.Value, definitions, level.Doc),
                    ["options"] = new JsonObject
                    {
                        ["description"] = policy.Options.IsEmpty ? "This policy takes no options." : "Options of this policy.",
                        ["type"] = "object",
                        ["properties"] = options,
                        ["additionalProperties"] = false,
                    },
                },
                ["additionalProperties"] = false,
            };
        }

        return result;
    }

    /// <summary>The node that carries a string's constraints: lists constrain their items.</summary>
    private static JsonObject Target(JsonObject property) => property["items"] is JsonObject items ? items : property;

    private static JsonNode? Default(object value, ValueShape shape) => value switch
    {
        bool b => b,
        int i => i,
        double d => d,
        string s => s,
        string[] list => Strings(list),
        Enum e => ((EnumShape)shape).Members.Single(m => Equals(m.Value, e)).Name,
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static IEnumerable<(string A, string B)> Pairs(IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                yield return (names[i], names[j]);
            }
        }
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/definitions/" + name };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);

    private static JsonObject ToObject(SortedDictionary<string, JsonNode> definitions)
    {
        var result = new JsonObject();
        foreach (var (key, value) in definitions)
        {
            result[key] = value;
        }

        return result;
    }

    private static string Serialize(JsonObject schema) =>
        schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
}
