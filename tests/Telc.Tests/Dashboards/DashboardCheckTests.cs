using Telc.Tests.Support;

namespace Telc.Tests.Dashboards;

/// <summary>
/// Every dashboard query is checked in the language of the data source it resolves to, at its line in the spec or in
/// the dashboard's JSON file; broken JSON, data sources that resolve to nothing, undefined variables and Angular
/// panels are reported there too.
/// </summary>
public sealed class DashboardCheckTests
{
    private static readonly string Stores =
        Specs.Cluster("prod-1", "prod") + Specs.Backend("metrics", "prometheus") + Specs.Backend("logs", "loki") + Specs.Backend("search", "elasticsearch", "{ passwordSecretRef: { name: es, key: elastic }, kibana: false }");

    private static string FileDashboard(string file = "board.json", string extra = "") =>
        Specs.Header + $"kind: Dashboard\nmetadata: {{ name: board }}\nspec: {{ file: {file}{extra} }}\n";

    private static Compilation Compile(string json, string dashboard = "") =>
        Specs.Compile(("spec.yaml", Stores + (dashboard.Length > 0 ? dashboard : FileDashboard())), ("board.json", json));

    private static string Panel(string target, string type = "timeseries", string datasource = "") =>
        $$"""{ "type": "{{type}}", "title": "p", {{datasource}}"targets": [ {{target}} ] }""";

    private static string Board(params string[] panels) =>
        "{\n  \"title\": \"Board\",\n  \"templating\": { \"list\": [ { \"name\": \"ns\", \"type\": \"custom\" } ] },\n  \"panels\": [\n    " + string.Join(",\n    ", panels) + "\n  ]\n}\n";

    [Fact]
    public void A_broken_PromQL_query_in_a_JSON_file_is_reported_at_its_line_and_column_there()
    {
        var compilation = Compile(Board(Panel("""{ "expr": "sum(rate(x{job=\"a\"}[5m])) by (" }""")));

        var error = Assert.Single(compilation.Diagnostics, d => d.Code == "TELC300");
        Assert.Equal("board.json", error.Location!.File.SpecPath);
        // Line 5 of the file; the column counts the escaped quotes as the file writes them.
        Assert.Equal("5:99", error.Start.ToString());
    }

    [Fact]
    public void Grafana_variables_are_understood_in_panel_queries()
    {
        var compilation = Compile(Board(Panel("""{ "expr": "sum by (pod) (rate(x_total{namespace=~\"$ns\"}[$__rate_interval])) / ${ns:raw} * $__interval_ms" }""")));

        Assert.Empty(compilation.Problems());
    }

    [Fact]
    public void A_variable_the_dashboard_does_not_define_is_a_warning_at_its_use()
    {
        var compilation = Compile(Board(Panel("""{ "expr": "up{job=\"$job\"}" }""")));

        var warning = Assert.Single(compilation.Problems());
        Assert.Equal(("TELC323", "5:76"), (warning.Code, warning.Start.ToString()));
    }

    [Fact]
    public void A_query_on_a_Loki_is_LogQL_and_one_on_Elasticsearch_goes_through_with_an_info()
    {
        var compilation = Compile(Board(
            Panel("""{ "expr": "sum(count_over_time({service_name=\"api\"} |= \"x\" [5m])" }""", datasource: """ "datasource": { "type": "loki", "uid": "abc" }, """),
            Panel("""{ "query": "level:error" }""", datasource: """ "datasource": { "type": "elasticsearch", "uid": "abc" }, """)));

        var error = Assert.Single(compilation.Diagnostics, d => d.Code == "TELC310");
        Assert.Equal(5, error.Start.Line);
        var info = Assert.Single(compilation.Diagnostics, d => d.Code == "TELC324");
        Assert.Contains("elasticsearch 'search'", info.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_source_no_backend_is_and_an_Angular_graph_panel_are_warnings()
    {
        var compilation = Compile(Board(
            Panel("""{ "expr": "up" }""", datasource: """ "datasource": { "type": "mysql", "uid": "x" }, """),
            Panel("""{ "expr": "up" }""", type: "graph")));

        Assert.Equal(["TELC322 5:58", "TELC321 6:15"], compilation.Problems().Codes());
    }

    [Theory]
    [InlineData("{ \"title\": \"x\", }", "TELC117 1:17")]
    [InlineData("{ \"title\": \"x\", \"title\": \"y\" }", "TELC117 1:17")]
    [InlineData("{\r\n  \"panels\": [\r\n    { \"type\": 'graph' }\r\n  ]\r\n}", "TELC117 3:15")]
    [InlineData("[ { \"title\": \"x\" } ]", "TELC320 1:1")]
    [InlineData("{ \"panels\": {} }", "TELC320 1:13")]
    public void A_file_that_is_not_a_dashboard_is_an_error_at_the_place(string json, string expected)
    {
        Assert.Equal([expected], Compile(json).Problems().Codes());
    }

    [Fact]
    public void An_empty_file_is_missing_once_not_also_broken_JSON()
    {
        Assert.Equal(["TELC211 24:15"], Compile(string.Empty).Problems().Codes());
    }

    [Fact]
    public void Hostile_nesting_ends_in_an_error_not_a_crash()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);

        Assert.Equal(["TELC117 1:102"], Compile(json).Problems().Codes());
    }

    [Fact]
    public void Panels_written_in_the_spec_are_checked_in_their_datasource_language()
    {
        var dashboard = Specs.Header + """
            kind: Dashboard
            metadata: { name: board }
            spec:
              datasource: logs
              panels:
                - { title: Errors, query: 'sum(count_over_time({service_name="api"} |= "error" [$__auto]))' }
                - { title: Broken, query: '{service_name="api"} | json |' }
            """;

        var compilation = Specs.Compile(("spec.yaml", Stores + dashboard));

        Assert.Equal(["TELC310 28:61"], compilation.Problems().Codes());
    }

    [Fact]
    public void A_panel_on_metrics_of_an_exporter_no_pipeline_of_the_cluster_collects_is_a_warning_naming_the_input()
    {
        static string Spec(string inputs) =>
            Specs.Cluster("prod-1", "prod") + Specs.Backend("metrics", "prometheus") + Specs.Backend("ui", "grafana", "{ adminPasswordSecretRef: { name: grafana, key: password } }")
            + Specs.Header + $"kind: MetricPipeline\nmetadata: {{ name: infra }}\nspec: {{ input: {{ {inputs} }}, output: {{ backend: metrics }} }}\n---\n"
            + Specs.Header + "kind: Dashboard\nmetadata: { name: nodes }\nspec:\n  panels:\n"
            + "    - { title: CPU, query: 'sum(rate(node_cpu_seconds_total{mode!=\"idle\"}[5m]))' }\n"
            + "    - { title: Memory, query: 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes' }\n"
            + "    - { title: Pods, query: 'count(kube_pod_info)' }\n";

        var missing = Specs.Compile(Spec("kubeState: {}"));
        var delivered = Specs.Compile(Spec("kubeState: {}, node: {}"));

        var warning = Assert.Single(missing.Problems());
        Assert.Equal(("TELC325", "26:38"), (warning.Code, warning.Start.ToString()));
        Assert.Contains("3 metrics (node_cpu_seconds_total, node_memory_MemAvailable_bytes, node_memory_MemTotal_bytes) from node-exporter", warning.Message, StringComparison.Ordinal);
        Assert.Equal("set input.node in a MetricPipeline of that cluster whose output is 'metrics'", warning.Hint);
        Assert.Empty(delivered.Problems());
    }
}
