using System.Collections.Immutable;
using Telc.Parsing.Json;

namespace Telc.Dashboards;

/// <summary>
/// Fills what Grafana's published dashboard schema requires and Grafana itself supplies when it loads a dashboard
/// that leaves it out (a link's icon and tooltip, a field config's defaults, a first threshold step's value, a
/// transformation's options), and drops nulls where the schema has no null (gnetId, a variable's allValue and label, a panel's timeFrom). Nothing a user wrote
/// changes meaning: Grafana reads the filled dashboard as it reads the original.
/// </summary>
public static class SchemaDefaults
{
    public static JsonObjectNode Fill(JsonObjectNode dashboard)
    {
        var filled = dashboard;
        if (filled["gnetId"] is JsonLiteralNode { Text: "null" })
        {
            filled = filled.With("gnetId", null);
        }

        filled = Each(filled, "links", link => Default(Default(link, "icon", Text("external link")), "tooltip", Text(string.Empty)));
        if (filled["templating"] is JsonObjectNode templating)
        {
            filled = filled.With("templating", Each(templating, "list", v => WithoutNull(v, "allValue", "label")));
        }

        return Each(filled, "panels", Panel);
    }

    private static JsonObjectNode Panel(JsonObjectNode panel)
    {
        var filled = Each(WithoutNull(panel, "timeFrom", "timeShift"), "panels", Panel);
        filled = Each(filled, "transformations", t => Default(t, "options", Empty()));
        if (filled["fieldConfig"] is not JsonObjectNode fieldConfig)
        {
            return filled;
        }

        fieldConfig = Default(fieldConfig, "defaults", Empty());
        if (fieldConfig["defaults"] is JsonObjectNode { } defaults && defaults["thresholds"] is JsonObjectNode thresholds)
        {
            thresholds = Default(thresholds, "mode", Text("absolute"));
            fieldConfig = fieldConfig.With("defaults", defaults.With("thresholds", Each(thresholds, "steps", step => Default(step, "value", new JsonLiteralNode(default, "null")))));
        }

        return filled.With("fieldConfig", fieldConfig);
    }

    private static JsonObjectNode Each(JsonObjectNode node, string key, Func<JsonObjectNode, JsonObjectNode> change) =>
        node[key] is JsonArrayNode items
            ? node.With(key, items with { Items = [.. items.Items.Select(i => i is JsonObjectNode o ? change(o) : i)] })
            : node;

    private static JsonObjectNode WithoutNull(JsonObjectNode node, params string[] keys) =>
        keys.Aggregate(node, (current, key) => current[key] is JsonLiteralNode { Text: "null" } ? current.With(key, null) : current);

    private static JsonObjectNode Default(JsonObjectNode node, string key, JsonTreeNode value) => node[key] is null ? node.With(key, value) : node;

    private static JsonStringNode Text(string text) => new(default, text);

    private static JsonObjectNode Empty() => new(default, ImmutableArray<JsonMember>.Empty);
}
