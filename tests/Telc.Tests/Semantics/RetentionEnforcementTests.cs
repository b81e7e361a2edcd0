using Telc.Tests.Support;

namespace Telc.Tests.Semantics;

/// <summary>
/// Retention is one policy: a RetentionPolicy rule, or a backend's retention, that no store telc runs can enforce is
/// an error (TELC220) at what cannot be enforced, in validate as in render; what one of the stores it reaches applies
/// is fine.
/// </summary>
public sealed class RetentionEnforcementTests
{
    private const string Elasticsearch =
        "{ passwordSecretRef: { name: es, key: elastic }, kibanaPasswordSecretRef: { name: es, key: kibana_system }, retention: { time: 20d } }";

    private static string Spec(string backends, string rules) => Specs.Cluster("prod-1", "prod") + Specs.Cluster("dev-1", "dev") + backends + Specs.Header + """
        kind: Team
        metadata: { name: shop }
        spec: { namespaces: [shop], owners: ["@acme/shop"] }
        ---

        """ + Specs.Header + $$"""
        kind: RetentionPolicy
        metadata: { name: retention }
        spec:
          rules:
            - {{rules}}
        """;

    [Theory]
    [InlineData("metrics", "{ signal: traces, duration: 20d }", "no store that telc runs keeps traces, so this rule deletes nothing", 26, 7)]
    [InlineData("logs", "{ signal: logs, environment: dev, duration: 3d }", "no store that telc runs keeps logs in environment 'dev'", 26, 7)]
    [InlineData("logs", "{ signal: traces, environment: prod, duration: 3d }", "no store that telc runs keeps traces in environment 'prod'", 26, 7)]
    [InlineData("metrics", "{ signal: logs, backend: metrics, duration: 3d }", "names backend 'metrics', which keeps no logs", 26, 32)]
    [InlineData("logs", "{ signal: logs, duration: 30d, size: 10GiB }", "size 10GiB of this logs rule is enforced by none of the stores it reaches: Loki deletes logs by age only", 26, 7)]
    [InlineData("traces", "{ signal: traces, team: shop, duration: 30d }", "none of the stores this traces rule reaches keeps team 'shop' apart: Tempo keeps every team's traces alike", 26, 31)]
    [InlineData("search", "{ signal: logs, team: shop, duration: 30d }", "Elasticsearch keeps every team's logs alike", 26, 29)]
    [InlineData("metrics", "{ signal: metrics, team: shop, duration: 30d }", "Prometheus keeps every team's metrics alike", 26, 32)]
    public void A_rule_no_store_can_enforce_is_an_error_at_what_it_cannot_enforce(string store, string rule, string message, int line, int column)
    {
        var compilation = Specs.Compile(Spec(Backend(store, prodOnly: store == "logs"), rule));

        var error = compilation.Single("TELC220");
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Start.Line, error.Start.Column));
    }

    [Theory]
    [InlineData("metrics", "{ signal: metrics, environment: prod, duration: 30d, size: 100GiB }")]
    [InlineData("logs", "{ signal: logs, team: shop, duration: 90d }")]
    [InlineData("search", "{ signal: logs, environment: prod, duration: 60d }")]
    [InlineData("traces", "{ signal: traces, backend: traces, duration: 7d }")]
    [InlineData("metrics", "{ signal: logs, environment: stage, duration: 7d }")]
    public void A_rule_a_store_enforces_or_that_waits_for_a_cluster_of_its_environment_is_fine(string store, string rule) =>
        Assert.DoesNotContain(Specs.Compile(Spec(Backend(store, prodOnly: false), rule)).Diagnostics, d => d.Code == "TELC220");

    [Theory]
    [InlineData("loki")]
    [InlineData("tempo")]
    [InlineData("elasticsearch")]
    public void A_store_that_deletes_by_age_only_takes_no_size_in_its_own_retention(string type) =>
        Assert.Contains("size", Specs.Compile(Specs.Cluster("prod-1", "prod") + Specs.Backend("store", type, "{ retention: { time: 20d, size: 50GiB } }")).Single("TELC130").Message,
            StringComparison.Ordinal);

    [Fact]
    public void Render_refuses_what_validate_refuses()
    {
        var compilation = Specs.Compile(Spec(Backend("traces", prodOnly: false), "{ signal: traces, team: shop, duration: 30d }"));

        Assert.True(compilation.HasErrors);
        Assert.Empty(compilation.Objects);
    }

    private static string Backend(string store, bool prodOnly) => store switch
    {
        "metrics" => Specs.Backend("metrics", "prometheus"),
        "logs" => Specs.Header + $"kind: Backend\nmetadata: {{ name: logs }}\nspec: {{ {(prodOnly ? "clusters: [prod-1], " : string.Empty)}loki: {{}} }}\n---\n",
        "search" => Specs.Backend("search", "elasticsearch", Elasticsearch),
        _ => Specs.Backend("traces", "tempo"),
    };
}
