using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Telc.Tests.Support;

namespace Telc.Tests.Dashboards;

/// <summary>One panel target's query, where it stands in the corpus, and whether a Prometheus data source runs it.</summary>
public sealed record PanelQuery(string Dashboard, string Panel, string Expr, bool Prometheus);

/// <summary>The 45 real Grafana dashboards of ../shared/corpus/dashboards, read in place.</summary>
public static partial class CorpusDashboards
{
    public static IReadOnlyList<string> Files()
    {
        var folder = Path.GetDirectoryName(Corpus.File("dashboards", "SOURCE.md"))!;
        return [.. Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
    }

    /// <summary>Its corpus folder and file name, e.g. loki/loki-reads.json.</summary>
    public static string Name(string file)
    {
        var relative = Path.GetRelativePath(Path.Combine(Corpus.Root, "dashboards"), file).Replace('\\', '/');
        return relative.Split('/')[0] + "/" + Path.GetFileName(file);
    }

    /// <summary>
    /// Every panel target with an expr: top-level panels, panels inside row panels, and panels of old-style rows[].
    /// A target's data source is its own, else its panel's, else the dashboard default (taken to be Prometheus);
    /// a variable ($datasource, ${DS_PROMETHEUS}) stands for the plugin its datasource variable or __inputs entry names.
    /// </summary>
    public static IReadOnlyList<PanelQuery> PanelQueries(string file)
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var name = Name(file);
        var variables = DataSourceVariables(dashboard);
        var panels = Nested(dashboard["panels"]?.AsArray())
            .Concat((dashboard["rows"]?.AsArray() ?? []).SelectMany(row => Nested(row?["panels"]?.AsArray())));
        return [.. panels.SelectMany(panel => (panel["targets"]?.AsArray() ?? []).OfType<JsonObject>()
            .Where(target => target["expr"] is JsonValue expr && expr.GetValueKind() == System.Text.Json.JsonValueKind.String && expr.GetValue<string>().Trim().Length > 0)
            .Select(target => new PanelQuery(name, (string?)panel["title"] ?? "(untitled)", target["expr"]!.GetValue<string>(),
                IsPrometheus(PluginOf(target["datasource"], variables) ?? PluginOf(panel["datasource"], variables) ?? "prometheus"))))];
    }

    private static IEnumerable<JsonObject> Nested(JsonArray? panels) =>
        (panels ?? []).OfType<JsonObject>().SelectMany(panel => Nested(panel["panels"]?.AsArray()).Prepend(panel));

    private static bool IsPrometheus(string plugin) => plugin == "prometheus";

    /// <summary>The plugin id a data source reference names; null where it defers (unset, or Grafana's Mixed).</summary>
    private static string? PluginOf(JsonNode? reference, IReadOnlyDictionary<string, string> variables)
    {
        var (type, uid) = reference switch
        {
            JsonObject o => ((string?)o["type"], (string?)o["uid"]),
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => (null, v.GetValue<string>()),
            _ => (null, null),
        };
        if (uid == "-- Mixed --" || type is null && uid is null)
        {
            return null;
        }

        if (type is not null && type != "datasource")
        {
            return type;
        }

        return uid is not null && VariableReference().Match(uid) is { Success: true } m && variables.TryGetValue(m.Groups["name"].Value, out var plugin)
            ? plugin
            : "unknown:" + uid;
    }

    /// <summary>Datasource variables and import inputs, by name, with the plugin id each stands for.</summary>
    private static Dictionary<string, string> DataSourceVariables(JsonObject dashboard)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in (dashboard["templating"]?["list"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            if ((string?)variable["type"] == "datasource" && variable["name"] is JsonValue name && variable["query"] is JsonValue query
                && query.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                variables[name.GetValue<string>()] = query.GetValue<string>();
            }
        }

        foreach (var input in (dashboard["__inputs"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            if ((string?)input["type"] == "datasource" && (string?)input["name"] is { } name && (string?)input["pluginId"] is { } plugin)
            {
                variables[name] = plugin;
            }
        }

        return variables;
    }

    [GeneratedRegex(@"^(\$\{(?<name>[A-Za-z0-9_]+)(:[A-Za-z]+)?\}|\$(?<name>[A-Za-z0-9_]+)|\[\[(?<name>[A-Za-z0-9_]+)\]\])$")]
    private static partial Regex VariableReference();
}
