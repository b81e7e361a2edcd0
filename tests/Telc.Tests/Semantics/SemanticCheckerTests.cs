using Telc.Tests.Support;

namespace Telc.Tests.Semantics;

public sealed class SemanticCheckerTests
{
    private const string Backends = Specs.Header + "kind: Backend\nmetadata: { name: metrics }\nspec: { prometheus: {} }\n---\n"
        + Specs.Header + "kind: Backend\nmetadata: { name: alerts }\nspec: { alertmanager: {} }\n---\n"
        + Specs.Header + "kind: Backend\nmetadata: { name: dashboards }\nspec: { grafana: { adminPasswordSecretRef: { name: grafana-admin, key: password } } }\n";

    private static Telc.Compilation Compile(params (string Path, string Text)[] files) =>
        Specs.Compile([("backends.yaml", Backends), .. files]);

    [Fact]
    public void Duplicate_names_of_a_kind_point_at_the_second_with_the_first_location()
    {
        var compilation = Compile(("clusters.yaml", Cluster("prod", "prod") + "---\n" + Cluster("prod", "dev")));

        var diagnostic = compilation.Single("TELC200");
        Assert.Equal("clusters.yaml", diagnostic.Path);
        Assert.Equal(11, diagnostic.Start.Line);
        Assert.Contains("clusters.yaml:4", diagnostic.Message);
    }

    [Fact]
    public void Same_name_in_different_kinds_is_fine()
    {
        var compilation = Compile(("a.yaml", Cluster("metrics", "dev")));

        Assert.Empty(compilation.Problems());
    }

    [Fact]
    public void Dangling_backend_reference_suggests_the_closest_name()
    {
        var compilation = Compile(("p.yaml", Pipeline("metrix")));

        var diagnostic = compilation.Single("TELC201");
        Assert.Equal("did you mean 'metrics'?", diagnostic.Hint);
        Assert.Equal("6:22", diagnostic.Start.ToString());
    }

    [Fact]
    public void Pipeline_output_must_be_able_to_receive_the_signal()
    {
        var compilation = Compile(("p.yaml", Pipeline("dashboards")));

        Assert.Contains("grafana", compilation.Single("TELC208").Message);
    }

    [Fact]
    public void Unknown_environment_suggests_the_closest()
    {
        var compilation = Compile(("c.yaml", Cluster("c", "prd")));

        Assert.Equal("did you mean 'prod'?", compilation.Single("TELC204").Hint);
    }

    [Fact]
    public void Project_environments_replace_the_defaults()
    {
        var project = Specs.Header + "kind: Project\nmetadata: { name: p }\nspec:\n  environments: [test, { name: live, tier: production }]\n";

        var compilation = Compile(("p.yaml", project), ("c.yaml", Cluster("a", "live") + "---\n" + Cluster("b", "prod")));

        Assert.Equal("TELC204", Assert.Single(compilation.Diagnostics).Code);
    }

    [Fact]
    public void Receivers_routes_and_mute_intervals_resolve_within_their_routing()
    {
        var routing = Specs.Header + """
            kind: AlertRouting
            metadata: { name: r }
            spec:
              receivers:
                - name: oncall
                  pagerduty: { routingKeySecretRef: { name: pd, key: key } }
              routes:
                - matchers: ['severity="critical"', 'team=~pay.*', 'bad matcher']
                  receiver: on-call
                  muteTimeIntervals: [weekend]
              defaultReceiver: oncall
              muteTimeIntervals:
                - name: weekends
                  windows: [{ weekdays: [saturday, sunday] }]
            """.Replace("\r\n", "\n");

        var compilation = Compile(("r.yaml", routing));

        Assert.Equal(["TELC134 9:56", "TELC201 10:17", "TELC201 11:27"], compilation.Diagnostics.Codes());
        Assert.Equal("did you mean 'oncall'?", compilation.Diagnostics[1].Hint);
        Assert.Equal("did you mean 'weekends'?", compilation.Diagnostics[2].Hint);
    }

    [Fact]
    public void Team_folder_documents_must_belong_to_that_team()
    {
        var team = Specs.Header + "kind: Team\nmetadata: { name: payments }\nspec: { namespaces: [payments] }\n";
        var wrongTeam = Specs.Header + "kind: AlertGroup\nmetadata: { name: a, team: search }\nspec: { rules: [] }\n";
        var noTeam = Specs.Header + "kind: AlertGroup\nmetadata: { name: b }\nspec: { rules: [] }\n";

        var compilation = Compile(
            ("teams/payments/team.yaml", team),
            ("teams/payments/a.yaml", wrongTeam),
            ("teams/payments/b.yaml", noTeam),
            ("teams/payments/cluster.yaml", Cluster("c", "dev")));

        Assert.Equal(["TELC205", "TELC205", "TELC206"], compilation.Diagnostics.Select(d => d.Code));
        Assert.Contains("names team 'search'", compilation.Diagnostics[0].Message);
        Assert.Contains("no metadata.team", compilation.Diagnostics[1].Message);
    }

    [Fact]
    public void One_alertmanager_takes_one_routing()
    {
        var routing = Specs.Header + "kind: AlertRouting\nmetadata: { name: NAME }\nspec:\n  receivers: [ { name: r, webhook: { url: \"https://h.example\" } } ]\n  defaultReceiver: r\n";

        var compilation = Compile(("a.yaml", routing.Replace("NAME", "first")), ("b.yaml", routing.Replace("NAME", "second")));

        var diagnostic = compilation.Single("TELC212");
        Assert.Equal("b.yaml", diagnostic.Path);
        Assert.Contains("AlertRouting 'first'", diagnostic.Message);
    }

    [Fact]
    public void Only_one_project_is_allowed()
    {
        var project = Specs.Header + "kind: Project\nmetadata: { name: p }\n";

        var compilation = Compile(("a.yaml", project), ("b.yaml", project.Replace("name: p", "name: q")));

        Assert.Equal("b.yaml", compilation.Single("TELC207").Path);
    }

    [Fact]
    public void Rules_backend_may_be_left_out_only_when_there_is_one_candidate()
    {
        var group = Specs.Header + "kind: AlertGroup\nmetadata: { name: g }\nspec:\n  rules:\n    - alert: Down\n      expr: up == 0\n";
        var secondPrometheus = Specs.Header + "kind: Backend\nmetadata: { name: other }\nspec: { prometheus: {} }\n";

        Assert.Empty(Compile(("g.yaml", group)).Problems());
        Assert.Contains("metrics, other", Compile(("g.yaml", group), ("o.yaml", secondPrometheus)).Single("TELC209").Message);
    }

    [Fact]
    public void Rules_need_exactly_one_of_alert_and_record()
    {
        var group = Specs.Header + "kind: AlertGroup\nmetadata: { name: g }\nspec:\n  rules:\n    - alert: Down\n      record: down\n      expr: up == 0\n    - expr: up\n";

        Assert.Equal(["TELC136 7:7", "TELC136 9:7"], Compile(("g.yaml", group)).Diagnostics.Codes());
    }

    [Fact]
    public void Dashboard_files_must_exist_relative_to_the_document()
    {
        var board = Specs.Header + "kind: Dashboard\nmetadata: { name: d }\nspec:\n  file: boards/NAME.json\n";

        var ok = Compile(("dash/d.yaml", board.Replace("NAME", "real")), ("dash/boards/real.json", "{}"));
        var missing = Compile(("dash/d.yaml", board.Replace("NAME", "gone")));

        Assert.Empty(ok.Problems());
        Assert.Equal("TELC211 5:9", Assert.Single(missing.Diagnostics.Codes()));
    }

    [Fact]
    public void Semantic_checks_still_run_on_documents_with_schema_errors()
    {
        var pipeline = Pipeline("metrix").Replace("input: { otlp: {} }", "input: { otlp: { enabled: yes } }");

        var compilation = Compile(("p.yaml", pipeline));

        Assert.Equal(["TELC131", "TELC201"], compilation.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Waiver_expiry_must_be_a_calendar_date()
    {
        var waiver = Specs.Header + "kind: Waiver\nmetadata: { name: w }\nspec:\n  policy: alert-has-runbook\n  target: AlertGroup/a/B\n  owner: me\n  reason: later\n  ticket: OPS-1\n  expires: 2026-02-30\n";

        Assert.Equal("TELC134 10:12", Assert.Single(Compile(("w.yaml", waiver)).Diagnostics.Codes()));
    }

    private static string Cluster(string name, string environment) =>
        Specs.Header + $"kind: Cluster\nmetadata:\n  name: {name}\nspec:\n  environment: {environment}\n";

    private static string Pipeline(string backend) =>
        Specs.Header + $"kind: MetricPipeline\nmetadata: {{ name: p }}\nspec:\n  input: {{ otlp: {{}} }}\n  output: {{ backend: {backend} }}\n";
}
