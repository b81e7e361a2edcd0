using System.Text.Json.Nodes;

namespace Telc.Tests.Support;

/// <summary>
/// Reads the committed JSON Schemas of the spec kinds as trees of fields: every leaf a document can set, and the
/// schema of any path in a document. Paths are dotted, with <c>[]</c> for list items and <c>*</c> for map entries.
/// </summary>
public sealed class SchemaWalk
{
    private readonly JsonObject root;
    private readonly JsonObject definitions;

    private SchemaWalk(JsonObject root)
    {
        this.root = root;
        definitions = root["definitions"] as JsonObject ?? [];
    }

    /// <summary>One walker per kind, from schemas/v1alpha1/&lt;kind&gt;.schema.json (telemetry.schema.json, all kinds in one, left out).</summary>
    public static IReadOnlyDictionary<string, SchemaWalk> ForAllKinds() =>
        Directory.GetFiles(RepoPaths.Combine("schemas", "v1alpha1"), "*.schema.json")
            .Where(file => Path.GetFileName(file) != "telemetry.schema.json")
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!.AsObject())
            .ToDictionary(schema => schema["title"]!.GetValue<string>(), schema => new SchemaWalk(schema));

    /// <summary>Every scalar field a document of this kind can set, as generic paths (spec.rules[].alert).</summary>
    public IEnumerable<string> Leaves() => Leaves(root, string.Empty, []);

    /// <summary>
    /// The schema of a field, followed through references, from the steps of its path: property names, map keys,
    /// <c>[n]</c> or <c>[]</c> for list items; null for a path the schema does not know.
    /// </summary>
    public JsonObject? At(IEnumerable<string> steps)
    {
        var schema = Resolve(root);
        foreach (var step in steps)
        {
            schema = step.StartsWith('[')
                ? Resolve(schema?["items"] as JsonObject)
                : Resolve((schema?["properties"]?[step] ?? schema?["additionalProperties"]) as JsonObject);
        }

        return schema;
    }

    /// <summary>Whether the field must be written: its parent's <c>required</c> list names it.</summary>
    public bool IsRequired(string[] steps) =>
        steps.Length > 0 && !steps[^1].StartsWith('[')
        && At(steps[..^1]) is { } parent && parent["properties"]?[steps[^1]] is not null
        && parent["required"] is JsonArray required && required.Any(r => r!.GetValue<string>() == steps[^1]);

    private IEnumerable<string> Leaves(JsonObject? schema, string path, HashSet<string> visiting)
    {
        schema = Resolve(schema, visiting);
        if (schema is null)
        {
            yield break;
        }

        var type = schema["type"]?.GetValue<string>();
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                foreach (var leaf in Leaves(property as JsonObject, Join(path, name), [.. visiting]))
                {
                    yield return leaf;
                }
            }
        }

        if (schema["additionalProperties"] is JsonObject entries)
        {
            foreach (var leaf in Leaves(entries, Join(path, "*"), [.. visiting]))
            {
                yield return leaf;
            }
        }

        if (type == "array")
        {
            foreach (var leaf in Leaves(schema["items"] as JsonObject, path + "[]", [.. visiting]))
            {
                yield return leaf;
            }
        }

        if (type is not ("object" or "array"))
        {
            yield return path;
        }
    }

    private JsonObject? Resolve(JsonObject? schema, HashSet<string>? visiting = null)
    {
        while (schema is not null)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                var name = reference[(reference.LastIndexOf('/') + 1)..];
                if (visiting is not null && !visiting.Add(name))
                {
                    return null;
                }

                schema = definitions[name] as JsonObject;
            }
            else if (schema["allOf"] is JsonArray { Count: 1 } only)
            {
                schema = only[0] as JsonObject;
            }
            else
            {
                return schema;
            }
        }

        return null;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
