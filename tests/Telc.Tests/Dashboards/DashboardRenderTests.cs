using System.Text.Json.Nodes;
using Telc.Emit.Kubernetes;
using Telc.Tests.Support;

namespace Telc.Tests.Dashboards;

/// <summary>
/// A dashboard renders into its team's folder of the Grafana with a uid from its document, its data sources pointing
/// at the provisioned uids and its import leftovers gone; dashboards are spread over ConfigMaps Kubernetes accepts.
/// </summary>
public sealed class DashboardRenderTests
{
    private static readonly string Stores =
        Specs.Cluster("prod-1", "prod") + Specs.Backend("metrics", "prometheus") + Specs.Backend("logs", "loki")
        + Specs.Backend("ui", "grafana", "{ adminPasswordSecretRef: { name: grafana, key: password } }")
        + Specs.Header + "kind: Team\nmetadata: { name: shop }\nspec: { namespaces: [shop], owners: [\"@acme/shop\"] }\n---\n";

    private static string FileDashboard(string name, string file, string team = "shop") =>
        Specs.Header + $"kind: Dashboard\nmetadata: {{ name: {name}, team: {team} }}\nspec: {{ file: {file} }}\n---\n";

    private static string Exported(int panels, int padding = 0) => new JsonObject
    {
        ["__inputs"] = new JsonArray(new JsonObject { ["name"] = "DS_PROM", ["type"] = "datasource", ["pluginId"] = "prometheus" }),
        ["__requires"] = new JsonArray(),
        ["id"] = 7,
        ["uid"] = "from-elsewhere",
        ["title"] = "Exported",
        ["panels"] = new JsonArray([.. Enumerable.Range(0, panels).Select(i => (JsonNode)new JsonObject
        {
            ["type"] = "timeseries",
            ["title"] = $"Panel {i}",
            ["description"] = new string('x', padding),
            ["datasource"] = new JsonObject { ["type"] = "prometheus", ["uid"] = "${DS_PROM}" },
            ["targets"] = new JsonArray(new JsonObject { ["refId"] = "A", ["expr"] = $"sum(rate(http_requests_total{{route=\"/{i}\"}}[5m]))" }),
        })]),
    }.ToJsonString();

    [Fact]
    public void An_exported_dashboard_gets_the_documents_uid_the_provisioned_data_source_and_loses_its_import_leftovers()
    {
        var compilation = Specs.CompileWithoutErrors(Stores + FileDashboard("shop-board", "board.json"), ("board.json", Exported(2)));

        var dashboard = Assert.Single(compilation.Clusters.Single().Dashboards);
        Assert.Equal(("shop", "shop-board"), (dashboard.Folder, dashboard.Uid));
        var json = JsonNode.Parse(dashboard.Json)!.AsObject();
        Assert.Equal("shop-board", (string?)json["uid"]);
        Assert.Null(json["id"]);
        Assert.Null(json["__inputs"]);
        Assert.Null(json["__requires"]);
        Assert.All(json["panels"]!.AsArray(), p => Assert.Equal("{\"type\":\"prometheus\",\"uid\":\"telc-metrics\"}", p!["datasource"]!.ToJsonString()));
        var configMap = Assert.Single(compilation.Objects.Select(o => o.Object).OfType<ConfigMap>(), c => c.Data.ContainsKey("shop-board.json"));
        Assert.Equal(dashboard.Json, configMap.Data["shop-board.json"]);
    }

    [Fact]
    public void An_old_dashboard_with_rows_is_laid_out_as_panels_and_row_panels()
    {
        const string Old = """
            { "title": "Old", "schemaVersion": 14, "rows": [
              { "title": "A", "height": "250px", "panels": [ { "type": "stat", "title": "a1", "span": 6, "targets": [ { "expr": "up" } ] }, { "type": "stat", "title": "a2", "span": 6 } ] },
              { "title": "B", "collapse": true, "panels": [ { "type": "stat", "title": "b1", "span": 12 } ] } ] }
            """;
        var compilation = Specs.CompileWithoutErrors(Stores + FileDashboard("old", "old.json"), ("old.json", Old));

        var json = JsonNode.Parse(compilation.Clusters.Single().Dashboards.Single().Json)!.AsObject();

        Assert.Null(json["rows"]);
        var panels = json["panels"]!.AsArray().Select(p => $"{p!["type"]} {p["title"]} {p["gridPos"]!.ToJsonString()}").ToArray();
        Assert.Equal(
        [
            "row A {\"h\":1,\"w\":24,\"x\":0,\"y\":0}",
            "stat a1 {\"h\":9,\"w\":12,\"x\":0,\"y\":1}",
            "stat a2 {\"h\":9,\"w\":12,\"x\":12,\"y\":1}",
            "row B {\"h\":1,\"w\":24,\"x\":0,\"y\":10}",
        ], panels);
        Assert.Equal("b1", (string?)json["panels"]![3]!["panels"]![0]!["title"]);
    }

    [Fact]
    public void Dashboards_of_a_folder_are_spread_over_ConfigMaps_below_what_Kubernetes_accepts_and_one_too_large_is_an_error()
    {
        var big = Exported(40, padding: 10_000);
        var spread = Specs.CompileWithoutErrors(Stores + FileDashboard("one", "one.json") + FileDashboard("two", "two.json") + FileDashboard("three", "three.json"),
            ("one.json", big), ("two.json", big), ("three.json", big));
        var huge = Specs.Compile(("spec.yaml", Stores + FileDashboard("huge", "huge.json")), ("huge.json", Exported(120, padding: 10_000)));

        var maps = spread.Objects.Select(o => o.Object).OfType<ConfigMap>().Where(c => c.Metadata.Name.Contains("-dashboards", StringComparison.Ordinal)).ToArray();
        Assert.True(maps.Length >= 2, string.Join(", ", maps.Select(m => m.Metadata.Name)));
        Assert.All(maps, m => Assert.True(m.Data.Sum(d => System.Text.Encoding.UTF8.GetByteCount(d.Value) + d.Key.Length) < 1024 * 1024));
        Assert.Equal(["one.json", "three.json", "two.json"], maps.SelectMany(m => m.Data.Keys).Order(StringComparer.Ordinal));
        Assert.Equal(["TELC502 28:19"], huge.Problems().Codes());
    }

    [Fact]
    public void Dashboards_no_team_owns_go_to_the_platform_folder_and_a_documents_folder_wins()
    {
        var compilation = Specs.CompileWithoutErrors(Stores
            + Specs.Header + "kind: Dashboard\nmetadata: { name: cluster }\nspec: { panels: [{ title: Up, query: up }] }\n---\n"
            + Specs.Header + "kind: Dashboard\nmetadata: { name: slos, team: shop }\nspec: { folder: SLOs, panels: [{ title: Up, query: up }] }\n");

        Assert.Equal(["cluster Platform", "slos SLOs"], compilation.Clusters.Single().Dashboards.Select(d => $"{d.Uid} {d.Folder}").Order(StringComparer.Ordinal));
    }
}
