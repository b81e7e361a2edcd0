using System.Text.Json.Nodes;
using NJsonSchema;
using Telc.Parsing;
using Telc.Schema;
using Telc.Sources;
using Telc.Tests.Support;

namespace Telc.Tests.Schema;

public sealed class SchemaTests
{
    private static readonly IReadOnlyList<(string FileName, string Json)> Generated =
        new SchemaGenerator(ShapeCatalog.Instance, BuiltInPolicies.Describe()).Generate();

    [Fact]
    public void Committed_schemas_are_what_the_model_generates()
    {
        var folder = RepoPaths.Combine("schemas", "v1alpha1");
        var committed = Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(Generated.Select(g => g.FileName), committed);
        foreach (var (name, json) in Generated)
        {
            Assert.True(json == File.ReadAllText(Path.Combine(folder, name)), $"schemas/v1alpha1/{name} is stale: run 'telc schema --out schemas/v1alpha1'");
        }
    }

    [Fact]
    public void Every_kind_has_a_schema()
    {
        var expected = Telc.Spec.SpecKinds.All.Select(k => $"{k.Name.ToLowerInvariant()}.schema.json").Append(SchemaGenerator.EntryFileName).Order(StringComparer.Ordinal);

        Assert.Equal(expected, Generated.Select(g => g.FileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_property_has_a_description_and_every_object_refuses_unknown_fields()
    {
        foreach (var (name, json) in Generated)
        {
            Walk(JsonNode.Parse(json)!, name);
        }

        static void Walk(JsonNode node, string path)
        {
            if (node is JsonObject obj)
            {
                if (obj["properties"] is JsonObject properties)
                {
                    // false, or a schema for the other keys of a map that describes some keys (the built-in policies).
                    var others = obj["additionalProperties"];
                    Assert.True(others is JsonObject || others?.GetValue<bool>() == false, $"{path} accepts unknown fields");
                    foreach (var (key, value) in properties)
                    {
                        Assert.True(value!["description"] is not null, $"{path}.{key} has no description");
                    }
                }

                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        Walk(value, path + "/" + key);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    Walk(item!, path);
                }
            }
        }
    }

    [Fact]
    public async Task A_standard_validator_accepts_every_quickstart_document_with_the_entry_schema()
    {
        var schema = await JsonSchema.FromJsonAsync(Generated.Single(g => g.FileName == SchemaGenerator.EntryFileName).Json);
        var documents = Documents(RepoPaths.Combine("examples", "quickstart", "telemetry"));

        Assert.NotEmpty(documents);
        foreach (var (where, json) in documents)
        {
            var errors = schema.Validate(json);
            Assert.True(errors.Count == 0, $"{where}: {string.Join("; ", errors.Select(e => e.ToString()))}");
        }
    }

    [Theory]
    [InlineData("kind: Cluster\nmetadata: { name: c }\nspec: { environment: dev, platfrom: gke }\n")]
    [InlineData("kind: Cluster\nmetadata: { name: c }\nspec: { environment: dev, platform: gek }\n")]
    [InlineData("kind: Backend\nmetadata: { name: b }\nspec: { prometheus: { replicas: \"2\" } }\n")]
    [InlineData("kind: Backend\nmetadata: { name: b }\nspec: { prometheus: {}, loki: {} }\n")]
    [InlineData("kind: Backend\nmetadata: { name: b }\nspec: { prometheus: { retention: { time: 5 minutes } } }\n")]
    [InlineData("kind: Backend\nmetadata: { name: Bad_Name }\nspec: { prometheus: {} }\n")]
    [InlineData("kind: MetricPipeline\nmetadata: { name: p }\nspec: { input: {} }\n")]
    [InlineData("kind: Clustr\nmetadata: { name: c }\n")]
    [InlineData("kind: Cluster\nmetadata: { name: c }\n")]
    [InlineData("kind: AlertRouting\nmetadata: { name: r }\nspec: { defaultReceiver: x, receivers: [ { name: x } ], routes: [ { matchers: ['a==b'], receiver: x } ] }\n")]
    [InlineData("kind: AlertRouting\nmetadata: { name: r }\nspec: { defaultReceiver: x, receivers: [ { name: x } ], inhibitions: [ { sourceMatchers: ['severity critical'], targetMatchers: [] } ] }\n")]
    [InlineData("kind: Cluster\nmetadata: { name: c }\nspec: { environment: dev, presets: [\"not a preset\"] }\n")]
    public async Task A_standard_validator_rejects_what_telc_rejects_as_schema_errors(string body)
    {
        var text = Specs.Header + body;
        var schema = await JsonSchema.FromJsonAsync(Generated.Single(g => g.FileName == SchemaGenerator.EntryFileName).Json);
        var compilation = Specs.Compile(text);
        var json = YamlJson.ToJson(Specs.Parse(text).Documents[0].Root);

        Assert.Contains(compilation.Diagnostics, d => d.Code.StartsWith("TELC1", StringComparison.Ordinal) || d.Code is "TELC202" or "TELC203" or "TELC210");
        Assert.NotEmpty(schema.Validate(json));
    }

    [Theory]
    [InlineData("severity=\"critical\"")]
    [InlineData(" team =~ \"pay.*\" ")]
    [InlineData("a!=b")]
    [InlineData("a!~\"x\\\"y\"")]
    [InlineData("a=")]
    [InlineData("a==b")]
    [InlineData("a=~~b")]
    [InlineData("a=\"b")]
    [InlineData("1a=b")]
    [InlineData("a b=c")]
    [InlineData("a=b c")]
    [InlineData("a")]
    public void The_schemas_matcher_pattern_accepts_exactly_what_telc_parses(string matcher) =>
        Assert.Equal(Telc.Spec.Values.AlertmanagerMatcher.Parse(matcher) is not null,
            System.Text.RegularExpressions.Regex.IsMatch(matcher, Telc.Spec.Values.AlertmanagerMatcher.SyntaxPattern));

    private static List<(string Where, string Json)> Documents(string root)
    {
        var set = new WorkingTreeSource(root, root).Read();
        return set.Files.Where(f => SpecFileNames.IsSpecFile(f.SpecPath)).SelectMany(f => YamlParser.Parse(f).Documents.Select(d => ($"{f.SpecPath}#{d.Index}", YamlJson.ToJson(d.Root)))).ToList();
    }
}
