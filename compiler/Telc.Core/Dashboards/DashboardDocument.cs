using System.Collections.Immutable;
using System.Globalization;
using Telc.Emit.Grafana;
using Telc.Output;
using Telc.Parsing.Json;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Dashboards;

/// <summary>
/// The dashboard JSON Grafana provisions for a Dashboard document: panels written in the spec laid out in rows of
/// two, or the document's JSON file with the spec's uid, title and tags, its import leftovers (__inputs, __requires,
/// id) removed, every data source reference pointing at a provisioned uid, and old top-level rows laid out as panels.
/// </summary>
public static class DashboardDocument
{
    private const int GridWidth = 24;
    private const int PanelHeight = 8;

    /// <summary>Grafana 12's dashboard schema version, for dashboards telc writes itself.</summary>
    private const int SchemaVersion = 41;

    public static OutNode Render(Resource resource, DashboardSpec spec, DashboardContent content, DatasourceResolver resolver) =>
        content.Json is { } json
            ? JsonTreeOutput.Of(FromFile(resource, spec, DashboardJson.Unwrap(json), resolver))
            : FromPanels(resource, spec, content, resolver);

    public static string Uid(Resource resource) => GrafanaUid.Of(resource.Name);

    private static OutNode FromPanels(Resource resource, DashboardSpec spec, DashboardContent content, DatasourceResolver resolver)
    {
        var panels = content.Panels.Select((panel, i) =>
        {
            var source = spec.Panels[i];
            var resolution = resolver.Resolve(DatasourceReference.Inherited, DatasourceReference.Inherited);
            var datasource = Reference(resolution);
            var target = Map(("refId", Text("A")), ("datasource", datasource), ("expr", Text(source.Query.Value)), ("legendFormat", source.Legend is null ? null : Text(source.Legend)));
            return Map(
                ("id", Number(i + 1)),
                ("type", Text(ShowsLogLines(resolution, source.Query.Value) ? "logs" : PanelType(source.Visual))),
                ("title", Text(source.Title)),
                ("gridPos", Map(("h", Number(PanelHeight)), ("w", Number(GridWidth / 2)), ("x", Number(i % 2 * GridWidth / 2)), ("y", Number(i / 2 * PanelHeight)))),
                ("datasource", datasource),
                ("targets", new OutSeq([target])),
                ("fieldConfig", Map(("defaults", Map(("unit", source.Unit is null ? null : Text(source.Unit)))), ("overrides", new OutSeq([])))),
                ("options", Map()));
        });
        return Map(
            ("uid", Text(Uid(resource))),
            ("title", Text(spec.Title ?? resource.Name)),
            ("tags", new OutSeq([.. spec.Tags.Select(Text)])),
            ("editable", new OutScalar("false", OutScalarKind.Bool)),
            ("schemaVersion", Number(SchemaVersion)),
            ("time", Map(("from", Text("now-6h")), ("to", Text("now")))),
            ("refresh", Text("1m")),
            ("templating", Map(("list", new OutSeq([])))),
            ("annotations", Map(("list", new OutSeq([])))),
            ("panels", new OutSeq([.. panels])));
    }

    /// <summary>A LogQL query that returns log lines, which only a logs panel shows.</summary>
    private static bool ShowsLogLines(DatasourceResolution resolution, string query) =>
        resolution.Type == BackendType.Loki && LogQL.Parser.Parse(Semantics.GrafanaVariables.Substitute(query)).Root is { } root && LogQL.Parser.TypeOf(root) == LogQL.ResultType.Logs;

    private static string PanelType(PanelVisual visual) => visual switch
    {
        PanelVisual.Bar => "bargauge",
        _ => visual.ToString().ToLowerInvariant(),
    };

    private static JsonObjectNode FromFile(Resource resource, DashboardSpec spec, JsonObjectNode dashboard, DatasourceResolver resolver)
    {
        var rewritten = (JsonObjectNode)Rewrite(dashboard, resolver, spec.Datasource is not null);
        if (rewritten["rows"] is JsonArrayNode rows && rewritten["panels"] is null)
        {
            rewritten = rewritten.With("panels", OldRows.Layout(rows)).With("rows", null);
        }

        rewritten = SchemaDefaults.Fill(rewritten);
        var tags = (rewritten["tags"] as JsonArrayNode)?.Items.OfType<JsonStringNode>().Select(t => t.Value) ?? [];
        return rewritten
            .With("id", null).With("__inputs", null).With("__requires", null)
            .With("uid", new JsonStringNode(default, Uid(resource)))
            .With("title", new JsonStringNode(default, spec.Title ?? dashboard.StringOf("title") ?? resource.Name))
            .With("tags", new JsonArrayNode(default, [.. tags.Concat(spec.Tags).Distinct(StringComparer.Ordinal).Select(t => (JsonTreeNode)new JsonStringNode(default, t))]));
    }

    /// <summary>
    /// Every "datasource" member that names a data source, pointed at the provisioned uid it resolves to; a panel with
    /// none gets the document's datasource when the document names one (Grafana's default is another).
    /// </summary>
    private static JsonTreeNode Rewrite(JsonTreeNode node, DatasourceResolver resolver, bool documentDefault)
    {
        switch (node)
        {
            case JsonObjectNode obj:
                var members = obj.Members.Select(m => m.Key == "datasource" && m.Value is JsonStringNode or JsonObjectNode
                    ? m with { Value = Fixed(m.Value, resolver) }
                    : m with { Value = Rewrite(m.Value, resolver, documentDefault) });
                var result = obj with { Members = [.. members] };
                return documentDefault && result["targets"] is JsonArrayNode && result["datasource"] is null or JsonLiteralNode
                    ? result.With("datasource", Fixed(null, resolver))
                    : result;
            case JsonArrayNode array:
                return array with { Items = [.. array.Items.Select(i => Rewrite(i, resolver, documentDefault))] };
            default:
                return node;
        }
    }

    private static JsonTreeNode Fixed(JsonTreeNode? reference, DatasourceResolver resolver)
    {
        // The file is only read to rewrite it; where a reference points in it no longer matters.
        var resolution = resolver.Resolve(DatasourceReference.Of(reference, EmptyFile), DatasourceReference.Inherited);
        return Provisioned(resolution) ?? reference ?? new JsonLiteralNode(default, "null");
    }

    /// <summary>The reference to the provisioned data source a resolution found; null when it found none.</summary>
    private static JsonObjectNode? Provisioned(DatasourceResolution resolution) =>
        resolution is { Backend: { } backend, Type: { } type }
            ? new JsonObjectNode(default, [
                new JsonMember("type", default, new JsonStringNode(default, DatasourcePlugins.PluginOf(type)!)),
                new JsonMember("uid", default, new JsonStringNode(default, GrafanaUid.Datasource(backend.Name)))])
            : null;

    private static readonly SourceFile EmptyFile = new(string.Empty, string.Empty, string.Empty);

    private static OutNode Reference(DatasourceResolution resolution) =>
        Provisioned(resolution) is { } reference ? JsonTreeOutput.Of(reference) : new OutScalar("null", OutScalarKind.Null);

    private static OutMap Map(params (string Key, OutNode? Value)[] entries) =>
        new([.. entries.Where(e => e.Value is not null).Select(e => KeyValuePair.Create(e.Key, e.Value!))]);

    private static OutScalar Text(string text) => OutScalar.String(text);

    private static OutScalar Number(int value) => new(value.ToString(CultureInfo.InvariantCulture), OutScalarKind.Number);
}
