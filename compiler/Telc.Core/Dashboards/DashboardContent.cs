using System.Collections.Immutable;
using Telc.Parsing.Json;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Dashboards;

/// <summary>
/// What a Dashboard document shows, whichever source it comes from: its panels with their queries and data sources,
/// and the variables it defines. <paramref name="Json"/> is the Grafana JSON it was read from (null for panels
/// written in the spec), in <paramref name="File"/>.
/// </summary>
public sealed record DashboardContent(
    string? Title, ImmutableArray<DashboardPanel> Panels, ImmutableArray<DashboardVariable> Variables, JsonObjectNode? Json, SourceFile? File)
{
    public static DashboardContent FromPanels(DashboardSpec spec) =>
        new(null, [.. spec.Panels.Select(p => new DashboardPanel(
            p.Visual.ToString().ToLowerInvariant(), p.Title, p.Location, DatasourceReference.Inherited, [new PanelQuery(p.Query, DatasourceReference.Inherited)]))], [], null, null);

    /// <summary>A Grafana dashboard JSON as exported from the UI, or wrapped as the HTTP API takes it ({"dashboard": …}).</summary>
    public static DashboardContent FromJson(JsonObjectNode root, SourceFile file)
    {
        var dashboard = DashboardJson.Unwrap(root);
        var panels = ImmutableArray.CreateBuilder<DashboardPanel>();
        foreach (var panel in DashboardJson.Panels(dashboard))
        {
            var datasource = DatasourceReference.Of(panel["datasource"], file);
            var queries = DashboardJson.Targets(panel)
                .Select(t => (Target: t, Text: QueryText(t)))
                .Where(t => t.Text is not null)
                .Select(t => new PanelQuery(new Located<string>(t.Text!.Value, file.Locate(t.Text.Span)), DatasourceReference.Of(t.Target["datasource"], file)));
            panels.Add(new DashboardPanel(panel.StringOf("type") ?? string.Empty, panel.StringOf("title") ?? string.Empty, file.Locate((panel["type"] ?? panel).Span), datasource, [.. queries]));
        }

        return new DashboardContent(dashboard.StringOf("title"), panels.ToImmutable(), [.. DefinedVariables(dashboard)], dashboard, file);
    }

    /// <summary>The query of a target: expr for Prometheus and Loki, query for the others (Lucene, TraceQL, Flux).</summary>
    private static JsonStringNode? QueryText(JsonObjectNode target) =>
        target["expr"] as JsonStringNode ?? target["query"] as JsonStringNode;

    private static IEnumerable<DashboardVariable> DefinedVariables(JsonObjectNode dashboard)
    {
        foreach (var variable in DashboardJson.Objects(DashboardJson.Child(dashboard, "templating")?["list"]))
        {
            if (variable.StringOf("name") is { } name)
            {
                yield return new DashboardVariable(name, variable.StringOf("type") == "datasource" ? variable.StringOf("query") : null);
            }
        }

        foreach (var input in DashboardJson.Objects(dashboard["__inputs"]))
        {
            if (input.StringOf("name") is { } name)
            {
                yield return new DashboardVariable(name, input.StringOf("type") == "datasource" ? input.StringOf("pluginId") : null);
            }
        }
    }
}
