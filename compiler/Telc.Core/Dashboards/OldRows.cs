using System.Collections.Immutable;
using System.Globalization;
using Telc.Parsing.Json;

namespace Telc.Dashboards;

/// <summary>
/// Lays out a dashboard written before Grafana 5 (top-level rows of panels sized by span and row height) as today's
/// grid of panels, the way Grafana does when it opens one: a row panel for each titled row, then its panels side by
/// side, 2 grid columns per span unit and 30 pixels per grid row. Collapsed rows keep their panels inside.
/// </summary>
public static class OldRows
{
    private const int GridWidth = 24;
    private const int PixelsPerGridRow = 30;
    private const int DefaultRowPixels = 250;

    public static JsonArrayNode Layout(JsonArrayNode rows)
    {
        var panels = ImmutableArray.CreateBuilder<JsonTreeNode>();
        var y = 0;
        var showRows = rows.Items.Length > 1;
        foreach (var row in rows.Items.OfType<JsonObjectNode>())
        {
            var height = Height(row["height"]);
            var collapsed = row["collapse"] is JsonLiteralNode { Text: "true" };
            var laidOut = ImmutableArray.CreateBuilder<JsonTreeNode>();
            var rowY = showRows ? y + 1 : y;
            var x = 0;
            var lineY = rowY;
            foreach (var panel in DashboardJson.Objects(row["panels"]))
            {
                var width = Math.Clamp((int)Math.Round(Number(panel["span"]) is { } span ? span * 2 : GridWidth / 2.0), 1, GridWidth);
                if (x + width > GridWidth)
                {
                    x = 0;
                    lineY += height;
                }

                laidOut.Add(panel.With("span", null).With("gridPos", Grid(x, lineY, width, height)));
                x += width;
            }

            var bottom = laidOut.Count == 0 ? rowY : lineY + height;
            if (showRows)
            {
                var rowPanel = new JsonObjectNode(default, [
                    new JsonMember("type", default, new JsonStringNode(default, "row")),
                    new JsonMember("title", default, row["title"] ?? new JsonStringNode(default, string.Empty)),
                    new JsonMember("collapsed", default, new JsonLiteralNode(default, collapsed ? "true" : "false")),
                    new JsonMember("gridPos", default, Grid(0, y, GridWidth, 1)),
                    new JsonMember("panels", default, new JsonArrayNode(default, collapsed ? laidOut.ToImmutable() : []))]);
                panels.Add(rowPanel);
            }

            if (!collapsed || !showRows)
            {
                panels.AddRange(laidOut);
            }

            y = collapsed && showRows ? y + 1 : bottom;
        }

        return new JsonArrayNode(rows.Span, panels.ToImmutable());
    }

    private static int Height(JsonTreeNode? height)
    {
        var pixels = height switch
        {
            JsonStringNode s when double.TryParse(s.Value.Replace("px", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p,
            _ => Number(height) ?? DefaultRowPixels,
        };
        return Math.Max(1, (int)Math.Ceiling(pixels / PixelsPerGridRow));
    }

    private static double? Number(JsonTreeNode? node) =>
        node is JsonNumberNode n && double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static JsonObjectNode Grid(int x, int y, int w, int h) => new(default, [
        new JsonMember("h", default, Integer(h)), new JsonMember("w", default, Integer(w)), new JsonMember("x", default, Integer(x)), new JsonMember("y", default, Integer(y))]);

    private static JsonNumberNode Integer(int value) => new(default, value.ToString(CultureInfo.InvariantCulture));
}
