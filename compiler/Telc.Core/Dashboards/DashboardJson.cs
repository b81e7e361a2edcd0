using Telc.Parsing.Json;

namespace Telc.Dashboards;

/// <summary>Where things are in a Grafana dashboard's JSON, in today's layout and in the old one with top-level rows.</summary>
public static class DashboardJson
{
    /// <summary>The dashboard itself: the file's object, or its "dashboard" member when the file is an HTTP API body.</summary>
    public static JsonObjectNode Unwrap(JsonObjectNode root) =>
        root["dashboard"] is JsonObjectNode inner && root["panels"] is null && root["rows"] is null ? inner : root;

    /// <summary>Every panel: top-level ones, those inside collapsed row panels, and those of old-style rows.</summary>
    public static IEnumerable<JsonObjectNode> Panels(JsonObjectNode dashboard)
    {
        foreach (var panel in Objects(dashboard["panels"]))
        {
            yield return panel;
            foreach (var inner in Objects(panel["panels"]))
            {
                yield return inner;
            }
        }

        foreach (var row in Objects(dashboard["rows"]))
        {
            foreach (var panel in Objects(row["panels"]))
            {
                yield return panel;
            }
        }
    }

    public static IEnumerable<JsonObjectNode> Targets(JsonObjectNode panel) => Objects(panel["targets"]);

    public static JsonObjectNode? Child(JsonObjectNode node, string key) => node[key] as JsonObjectNode;

    public static IEnumerable<JsonObjectNode> Objects(JsonTreeNode? array) =>
        array is JsonArrayNode items ? items.Items.OfType<JsonObjectNode>() : [];
}
