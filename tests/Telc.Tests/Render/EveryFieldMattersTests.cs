using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>
/// Nothing the spec accepts is dropped in silence. The test walks every field of every kind's JSON Schema and finds
/// it in the render cases; changing it (another value, leaving it out) must change the rendered tree, unless a TELC501
/// info names that field or its document as not rendered. A field no render case writes fails too: add it to a case.
/// </summary>
public sealed partial class EveryFieldMattersTests
{
    /// <summary>
    /// Fields that mean something without changing the output: they name a document, describe it to people, or
    /// steer the checks. What they do is proven by the tests named here; a rendered tree has no place for them.
    /// </summary>
    private static readonly Dictionary<string, string> MeaningfulWithoutOutput = new(StringComparer.Ordinal)
    {
        ["* metadata.name"] = "names the document in references, diagnostics, policies and diff (SemanticCheckerTests, DiffCommandTests)",
        ["* metadata.description"] = "tells readers of the spec what the document is for",
        ["* metadata.team"] = "names the owning team for team folders and policies (SemanticCheckerTests); an AlertGroup's alerts carry it as their team label (TeamRoutingTests)",
        ["Preset *"] = "a Preset is the manifest of a catalog's preset folder, never a spec document (PresetCatalogTests, BuiltInPresetTests)",
        ["Team spec.owners[]"] = "tells readers who answers for the team; policies read it (PolicyContext.Spec)",
        ["Team spec.namespaces[]"] = "what the team's alerts may query (policy team-alerts-own-namespaces, BuiltInPolicyTests)",
        ["Waiver *"] = "a Waiver accepts findings of validate (tests/cases/waivers, WaiverTests)",
        ["Project spec.policies.*"] = "policy options and switches (BuiltInPolicyTests)",
        ["Dashboard spec.preset"] = "a preset's dashboards come with the preset where a Cluster or the Project switches it on; a Dashboard naming one is a TELC501 info saying so",
        ["Dashboard spec.file"] = "names a JSON file; the file's dashboard is what renders (quickstart's payments-pods, DashboardCheckTests, CorpusDashboardRenderTests)",
        ["Backend spec.grafana.replicas"] = "Grafana runs one replica, its SQLite database on its own volume; more is refused (TELC221, GrafanaTests)",
        ["Project spec.environments[]"] = "declares the environments Clusters may name and what each is held to (EnvironmentTierTests)",
        ["Project spec.environments[].*"] = "declares the environments Clusters may name and what each is held to (EnvironmentTierTests)",
    };

    [Fact]
    public void Every_field_changes_the_output_or_is_named_as_not_rendered()
    {
        var kinds = SchemaWalk.ForAllKinds();
        var cases = RenderCases.All.Select(JsonSpecCase.Load).ToList();
        try
        {
            var baselines = cases.ToDictionary(c => c, c => c.Render(c.Documents, out var errors) ?? throw new InvalidOperationException($"{c.Name} does not compile as JSON:\n{errors}"));
            var problems = new List<string>();
            foreach (var (kind, schema) in kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                foreach (var leaf in schema.Leaves().Where(l => l is not ("apiVersion" or "kind")))
                {
                    if (Problem(kind, leaf, schema, cases, baselines) is { } problem && !MeaningfulWithoutOutput.Keys.Any(k => Matches(k, kind, leaf)))
                    {
                        problems.Add($"{kind} {leaf}: {problem}");
                    }
                }
            }

            Assert.True(problems.Count == 0, $"{problems.Count} fields are accepted but neither rendered nor named by a TELC501 info:\n{string.Join("\n", problems)}");
        }
        finally
        {
            cases.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Whether a pattern ("Kind path", "* path", "Kind *", "Kind path.*") takes in the field.</summary>
    private static bool Matches(string pattern, string kind, string leaf)
    {
        var (kindPattern, pathPattern) = (pattern[..pattern.IndexOf(' ')], pattern[(pattern.IndexOf(' ') + 1)..]);
        return kindPattern is "*" || kindPattern == kind
            ? pathPattern == "*" || pathPattern == leaf || (pathPattern.EndsWith(".*", StringComparison.Ordinal) && leaf.StartsWith(pathPattern[..^1], StringComparison.Ordinal))
            : false;
    }

    /// <summary>Why a field fails, or null when some change to it in some case shows in the output or in a TELC501 info.</summary>
    private static string? Problem(string kind, string leaf, SchemaWalk schema, List<JsonSpecCase> cases, Dictionary<JsonSpecCase, RenderOutcome> baselines)
    {
        var documents = cases.SelectMany(c => c.Documents.Where(d => d.Kind == kind).Select(d => (Case: c, Document: d))).ToList();
        var occurrences = documents.SelectMany(d => Written(d.Document.Root, leaf).Where(w => w.Node is JsonValue or null).Select(w => (d.Case, d.Document, w.Steps))).ToList();
        if (occurrences.Count == 0)
        {
            return NamedWhereverWritten(documents, leaf, baselines) ? null : "no render case writes it (add it to one, e.g. tests/cases/render/every-field)";
        }

        var elsewhere = occurrences.Select(o => Navigate(o.Document.Root, o.Steps)).OfType<JsonValue>().DistinctBy(v => v.ToJsonString()).ToList();
        var tried = new List<string>();
        foreach (var (specCase, document, steps) in occurrences.GroupBy(o => o.Document).SelectMany(g => g.Take(2)))
        {
            var baseline = baselines[specCase];
            var path = Text(steps);
            if (baseline.Unrendered.Any(p => document.Owns(p) && p.Covers(path)))
            {
                return null;
            }

            foreach (var (what, changed) in Changes(specCase, document, steps, schema, elsewhere))
            {
                var outcome = specCase.Render(changed, out _);
                if (outcome is not null && (!outcome.SameFilesAs(baseline) || outcome.Unrendered.Any(p => p.Resource.Document.Index == document.Index && p.Resource.Kind.Name == kind && p.Covers(path))))
                {
                    return null;
                }

                tried.Add($"{what} ({(outcome is null ? "refused" : "same output")})");
            }
        }

        return $"no change shows in the output [{string.Join("; ", tried.Take(6))}]";
    }

    /// <summary>
    /// For a field no case writes: whether writing it would land inside a part a TELC501 info names. That holds when
    /// the deepest part of its path that documents write is named in every document that writes it (spec.loki of a
    /// Backend, named with its whole document), but not when some rendered document writes that part too (metadata).
    /// </summary>
    private static bool NamedWhereverWritten(List<(JsonSpecCase Case, JsonSpecDocument Document)> documents, string leaf, Dictionary<JsonSpecCase, RenderOutcome> baselines)
    {
        var steps = Steps(leaf);
        for (var depth = steps.Length - 1; depth > 0; depth--)
        {
            var ancestor = string.Join('.', steps[..depth]).Replace(".[]", "[]", StringComparison.Ordinal);
            var written = documents.SelectMany(d => Written(d.Document.Root, ancestor).Select(w => (d.Case, d.Document, Path: Text(w.Steps)))).ToList();
            if (written.Count > 0)
            {
                return written.All(w => baselines[w.Case].Unrendered.Any(p => w.Document.Owns(p) && p.Covers(w.Path)));
            }
        }

        return false;
    }

    /// <summary>Every node a document writes at a generic path, with its concrete steps (spec, rules, [2], alert).</summary>
    private static List<(string[] Steps, JsonNode? Node)> Written(JsonNode? root, string genericPath)
    {
        List<(string[] Steps, JsonNode? Node)> current = [([], root)];
        foreach (var step in Steps(genericPath))
        {
            current = [.. current.SelectMany(c => Children(c.Node, step).Select(child => ((string[])[.. c.Steps, child.Key], child.Node)))];
        }

        return current;
    }

    private static IEnumerable<(string Key, JsonNode? Node)> Children(JsonNode? node, string step) => (node, step) switch
    {
        (JsonArray array, "[]") => array.Select((item, index) => ($"[{index}]", item)),
        (JsonObject map, "*") => map.Select(e => (e.Key, e.Value)),
        (JsonObject map, _) when map.ContainsKey(step) => [(step, map[step])],
        _ => [],
    };

    private static string[] Steps(string genericPath) => genericPath.Replace("[]", ".[]", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A path as text: spec.rules[2].alert.</summary>
    private static string Text(string path, string step) => path.Length == 0 ? step : step.StartsWith('[') ? path + step : $"{path}.{step}";

    private static string Text(IEnumerable<string> steps) => steps.Aggregate(string.Empty, Text);

    /// <summary>Changed copies of the case, each with one change to the field at <paramref name="path"/>.</summary>
    private static IEnumerable<(string What, List<JsonSpecDocument> Documents)> Changes(
        JsonSpecCase specCase, JsonSpecDocument document, string[] steps, SchemaWalk schema, List<JsonValue> elsewhere)
    {
        var field = schema.At(steps);
        var (parentPath, key) = (steps[..^1], steps[^1]);
        var value = Navigate(document.Root, steps);

        if (key.StartsWith('[') || !schema.IsRequired(steps))
        {
            yield return ("left out", Replace(specCase, document, root => Remove(Navigate(root, parentPath)!, key)));
        }

        foreach (var alternative in elsewhere.Where(v => !JsonNode.DeepEquals(v, value)).Concat(Alternatives(value, field)))
        {
            yield return ($"set to {alternative.ToJsonString()}", Replace(specCase, document, root => Set(Navigate(root, parentPath)!, key, alternative.DeepClone())));
        }

        if (value is JsonValue text && text.TryGetValue<string>(out var name) && Renamed(name) is { } renamed)
        {
            // A name other documents refer to: rename it everywhere, so the references still resolve.
            yield return ($"renamed to '{renamed}' everywhere", [.. specCase.Documents.Select(d => new JsonSpecDocument(
                string.Join('/', d.SpecPath.Split('/').Select(segment => segment == name ? renamed : segment)), d.Index, RenameEverywhere(d.Root, name, renamed)!.AsObject()))]);
        }
    }

    private static IEnumerable<JsonNode> Alternatives(JsonNode? value, JsonObject? field)
    {
        if (field?["enum"] is JsonArray members)
        {
            foreach (var member in members.Where(m => !JsonNode.DeepEquals(m, value)))
            {
                yield return member!;
            }

            yield break;
        }

        var isInteger = field?["type"]?.GetValue<string>() == "integer";
        switch (value?.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                yield return JsonValue.Create(!value.GetValue<bool>());
                break;
            case JsonValueKind.Number when isInteger:
                var integer = value.GetValue<long>();
                yield return JsonValue.Create(integer + 1);
                yield return JsonValue.Create(integer - 1);
                break;
            case JsonValueKind.Number:
                var number = double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
                yield return JsonValue.Create(number * 2);
                yield return JsonValue.Create(number / 2);
                break;
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                if (LastNumber().Match(text) is { Success: true } digits)
                {
                    var bumped = (long.Parse(digits.Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
                    yield return JsonValue.Create(text[..digits.Index] + bumped + text[(digits.Index + digits.Length)..]);
                }

                if (Renamed(text) is { } renamed)
                {
                    yield return JsonValue.Create(renamed);
                }

                yield return JsonValue.Create(text + "x");
                break;
        }
    }

    /// <summary>The text with an 'x' after its first character, which keeps names, label names and paths valid.</summary>
    private static string? Renamed(string text) => text.Length > 0 ? text[..1] + "x" + text[1..] : null;

    private static List<JsonSpecDocument> Replace(JsonSpecCase specCase, JsonSpecDocument document, Action<JsonObject> change) =>
    [
        .. specCase.Documents.Select(d =>
        {
            if (d != document)
            {
                return d;
            }

            var copy = d.Root.DeepClone().AsObject();
            change(copy);
            return d.With(copy);
        }),
    ];

    /// <summary>A copy of the tree with every string value <paramref name="from"/> replaced by <paramref name="to"/>.</summary>
    private static JsonNode? RenameEverywhere(JsonNode? node, string from, string to) => node switch
    {
        JsonObject map => new JsonObject(map.Select(e => KeyValuePair.Create(e.Key, RenameEverywhere(e.Value, from, to)))),
        JsonArray list => new JsonArray([.. list.Select(item => RenameEverywhere(item, from, to))]),
        JsonValue value when value.TryGetValue<string>(out var text) && text == from => JsonValue.Create(to),
        _ => node?.DeepClone(),
    };

    private static JsonNode? Navigate(JsonNode? node, IEnumerable<string> steps)
    {
        foreach (var step in steps)
        {
            node = step.StartsWith('[') ? (node as JsonArray)?[int.Parse(step[1..^1], CultureInfo.InvariantCulture)] : (node as JsonObject)?[step];
        }

        return node;
    }

    private static void Remove(JsonNode parent, string key)
    {
        if (parent is JsonArray list)
        {
            list.RemoveAt(int.Parse(key[1..^1], CultureInfo.InvariantCulture));
        }
        else
        {
            parent.AsObject().Remove(key);
        }
    }

    private static void Set(JsonNode parent, string key, JsonNode value)
    {
        if (parent is JsonArray list)
        {
            list[int.Parse(key[1..^1], CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent.AsObject()[key] = value;
        }
    }

    [GeneratedRegex("[0-9]+(?=[^0-9]*$)")]
    private static partial Regex LastNumber();
}
