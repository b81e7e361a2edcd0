using Telc.Lowering;
using Telc.Policies;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>Alerts of a team carry its label, and the team's receivers become routes after the routing's own.</summary>
public sealed class TeamRoutingTests
{
    private static readonly string Stack = Specs.Cluster("prod-1", "prod") + Specs.Backend("metrics", "prometheus", "{ replicas: 2 }")
        + Specs.Backend("alerts", "alertmanager", "{ replicas: 2 }") + Specs.Header + """
        kind: AlertRouting
        metadata: { name: routing }
        spec:
          defaultReceiver: email
          receivers:
            - name: email
              email: { to: [ops@example.com] }
            - name: search-pager
              pagerduty: { routingKeySecretRef: { name: pd, key: key } }
            - name: search-chat
              slack: { apiUrlSecretRef: { name: slack, key: url }, channel: "#search" }
          routes:
            - matchers: ['alertname="Watchdog"']
              receiver: email
        ---
        apiVersion: telc.io/v1alpha1
        kind: Team
        metadata: { name: search }
        spec:
          namespaces: [search]
          receivers: { default: search-chat, critical: search-pager }
        """;

    private static AlertDelivery Deliver(string group)
    {
        var compilation = Specs.Compile(("spec.yaml", Stack), ("teams/search/alerts.yaml", group));
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        var rule = Assert.Single(compilation.Clusters.Single().Metrics.Prometheuses.Single().RuleGroups.Single().Rules);
        return Assert.Single(new AlertDeliveries(compilation.Clusters).Of(rule.Rule));
    }

    private static string Group(string severity, string labels = "{}") => Specs.Header + $$"""
        kind: AlertGroup
        metadata: { name: search, team: search }
        spec:
          rules:
            - alert: SearchDown
              expr: up{namespace="search"} == 0
              severity: {{severity}}
              labels: {{labels}}
        """;

    [Fact]
    public void A_critical_alert_of_a_team_reaches_the_teams_critical_receiver()
    {
        var delivery = Deliver(Group("critical"));

        Assert.Equal("search", delivery.Labels[RuleLabels.Team]);
        Assert.Equal("prod-1", delivery.Labels["cluster"]);
        Assert.Equal<string>(["search-pager"], delivery.Receivers);
    }

    [Fact]
    public void Other_alerts_of_a_team_reach_its_default_receiver() =>
        Assert.Equal<string>(["search-chat"], Deliver(Group("warning")).Receivers);

    [Fact]
    public void A_team_label_the_rule_sets_itself_wins() =>
        Assert.Equal<string>(["email"], Deliver(Group("critical", "{ team: other }")).Receivers);

    [Fact]
    public void A_route_the_routing_writes_wins_over_the_team_routes() =>
        Assert.Equal<string>(["email"], Deliver(Group("critical", "{ alertname: Watchdog }").Replace("alert: SearchDown", "alert: Watchdog")).Receivers);

    [Fact]
    public void Recording_rules_get_no_team_label()
    {
        var compilation = Specs.Compile(("spec.yaml", Stack), ("teams/search/rules.yaml", Specs.Header + """
            kind: AlertGroup
            metadata: { name: search, team: search }
            spec:
              rules:
                - record: namespace:up:sum
                  expr: sum by (namespace) (up{namespace="search"})
            """));

        var rule = Assert.Single(compilation.Clusters.Single().Metrics.Prometheuses.Single().RuleGroups.Single().Rules);

        Assert.Empty(rule.Labels);
    }
}
