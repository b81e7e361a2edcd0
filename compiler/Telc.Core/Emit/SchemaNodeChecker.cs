using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.Emit.OtelCollector;
using Telc.Output;

namespace Telc.Emit;

/// <summary>
/// Checks a rendered config against a derived schema of its consumer, node by node: objects (closed for structs,
/// typed values for maps), strings with their format (Go durations, Prometheus durations with days and weeks, byte
/// sizes) and allowed values, numbers, booleans, lists, shared types by reference, and stanza operator lists. The node
/// grammar is documented with each schema (collector-components.md, loki-config.md).
/// </summary>
public sealed partial class SchemaNodeChecker(
    IReadOnlyDictionary<string, JsonElement> types, IReadOnlyDictionary<string, JsonElement> operators, string consumer)
{
    private readonly List<ConfigProblem> problems = [];

    public IReadOnlyList<ConfigProblem> Problems => problems;

    public void Check(string path, OutNode value, JsonElement node) => CheckValue(path, value, node);

    private void CheckValue(string path, OutNode value, JsonElement node)
    {
        if (node.TryGetProperty("ref", out var reference))
        {
            if (types.TryGetValue(reference.GetString()!, out var target))
            {
                CheckValue(path, value, target);
            }

            return;
        }

        if (value is OutScalar { Kind: OutScalarKind.Null } && node.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean())
        {
            return;
        }

        var type = node.TryGetProperty("type", out var t) ? t.GetString() : "any";
        switch (type)
        {
            case "object":
                CheckObject(path, value, node);
                break;
            case "array":
                if (value is OutSeq seq)
                {
                    var items = node.TryGetProperty("items", out var itemNode) ? itemNode : default;
                    for (var i = 0; i < seq.Items.Length; i++)
                    {
                        if (items.ValueKind == JsonValueKind.Object)
                        {
                            CheckValue($"{path}[{i}]", seq.Items[i], items);
                        }
                    }
                }
                else
                {
                    Add(path, $"must be a list, not {Describe(value)}");
                }

                break;
            case "operators":
                CheckOperators(path, value);
                break;
            case "string":
                CheckString(path, value, node);
                break;
            case "integer":
                if (value is not OutScalar { Kind: OutScalarKind.Number } number || !long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    Add(path, $"must be an integer, not {Describe(value)}");
                }

                break;
            case "number":
                if (value is not OutScalar { Kind: OutScalarKind.Number })
                {
                    Add(path, $"must be a number, not {Describe(value)}");
                }

                break;
            case "boolean":
                if (value is not OutScalar { Kind: OutScalarKind.Bool })
                {
                    Add(path, $"must be true or false, not {Describe(value)}");
                }

                break;
        }
    }

    private void CheckObject(string path, OutNode value, JsonElement node)
    {
        if (value is not OutMap map)
        {
            Add(path, $"must be a mapping, not {Describe(value)}");
            return;
        }

        var properties = node.TryGetProperty("properties", out var p) ? p : default;
        var additional = node.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var (key, child) in map.Entries)
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(key, out var property))
            {
                CheckValue($"{path}.{key}", child, property);
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                CheckValue($"{path}.{key}", child, additional);
            }
            else if (additional.ValueKind == JsonValueKind.False || properties.ValueKind == JsonValueKind.Object)
            {
                var known = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(x => x.Name).ToArray() : [];
                Add($"{path}.{key}", $"unknown setting{Suggestions.Aside(key, known)}");
            }
        }
    }

    private void CheckString(string path, OutNode value, JsonElement node)
    {
        if (value is not OutScalar { Kind: OutScalarKind.String } text)
        {
            Add(path, $"must be a string, not {Describe(value)}");
            return;
        }

        var problem = (node.TryGetProperty("format", out var format) ? format.GetString() : null) switch
        {
            "duration" when !GoDuration().IsMatch(text.Text) => "is not a Go duration (e.g. 5s, 1m30s)",
            "model-duration" when !ModelDuration().IsMatch(text.Text) => "is not a duration (e.g. 30d, 1w, 2h30m)",
            "flagext-bytes" when !Bytes().IsMatch(text.Text) => "is not a size (e.g. 10MB, 1GiB)",
            _ => null,
        };
        if (problem is not null)
        {
            Add(path, $"'{text.Text}' {problem}");
        }

        if (node.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == text.Text))
        {
            Add(path, $"'{text.Text}' is not one of {string.Join(", ", values.EnumerateArray().Select(v => v.GetString()))}");
        }
    }

    private void CheckOperators(string path, OutNode value)
    {
        if (value is not OutSeq list)
        {
            Add(path, $"must be a list of operators, not {Describe(value)}");
            return;
        }

        for (var i = 0; i < list.Items.Length; i++)
        {
            var item = $"{path}[{i}]";
            var type = list.Items[i] is OutMap map ? map.Entries.FirstOrDefault(e => e.Key == "type").Value as OutScalar : null;
            if (type is null)
            {
                Add(item, "an operator needs a type");
            }
            else if (!operators.TryGetValue(type.Text, out var operatorSchema))
            {
                Add($"{item}.type", $"{consumer} has no operator '{type.Text}'{Suggestions.Aside(type.Text, operators.Keys)}");
            }
            else
            {
                CheckValue(item, list.Items[i], operatorSchema);
            }
        }
    }

    private static string Describe(OutNode value) => value switch
    {
        OutMap => "a mapping",
        OutSeq => "a list",
        OutScalar { Kind: OutScalarKind.String } s => $"the string '{s.Text}'",
        OutScalar s => s.Text,
        _ => "this",
    };

    private void Add(string path, string message) => problems.Add(new ConfigProblem(path, message));

    [GeneratedRegex(@"^(0|-?([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$")]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"^(0|([0-9]+(y|w|d|h|ms|m|s))+)$")]
    private static partial Regex ModelDuration();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?\s*([KMGTP]i?)?B?$", RegexOptions.IgnoreCase)]
    private static partial Regex Bytes();
}
