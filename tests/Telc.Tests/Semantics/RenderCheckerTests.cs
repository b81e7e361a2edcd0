using Telc.Tests.Support;

namespace Telc.Tests.Semantics;

/// <summary>Problems that appear once the spec is laid out per cluster: validate finds them, so render never surprises.</summary>
public sealed class RenderCheckerTests
{
    private const string Cluster = Specs.Header + "kind: Cluster\nmetadata: { name: c }\nspec: { environment: dev }\n";

    private static string Backend(string name, string type, string extra = "") => Specs.Header + $"kind: Backend\nmetadata: {{ name: {name} }}\nspec: {{ {type}: {{ {extra} }} }}\n";

    [Fact]
    public void Backends_rendering_to_the_same_object_names_collide()
    {
        var compilation = Specs.Compile(("c.yaml", Cluster), ("a.yaml", Backend("x", "prometheus")), ("b.yaml", Backend("prometheus-x", "prometheus")));

        var message = compilation.Single("TELC213").Message;
        Assert.Matches("^Backend/(prometheus-)?x and Backend/(prometheus-)?x would both render [A-Za-z]+ '[a-z-]*prometheus-x[a-z-]*' in cluster 'c' \\(and [0-9]+ more objects", message);
        Assert.Contains("Backend/x ", message + " ");
        Assert.Contains("Backend/prometheus-x ", message + " ");
    }

    [Fact]
    public void Selector_names_may_not_shadow_built_in_jobs()
    {
        var pipeline = Specs.Header + "kind: MetricPipeline\nmetadata: { name: p }\nspec:\n  input: { prometheus: { annotations: true, selectors: [ { name: pods, matchLabels: { app: x }, port: m } ] } }\n  output: { backend: metrics }\n";

        var compilation = Specs.Compile(("c.yaml", Cluster), ("b.yaml", Backend("metrics", "prometheus")), ("p.yaml", pipeline));

        Assert.Contains("'p/pods'", compilation.Single("TELC213").Message);
    }

    [Fact]
    public void Names_that_would_exceed_63_characters_are_errors()
    {
        var compilation = Specs.Compile(("c.yaml", Cluster), ("b.yaml", Backend("an-extremely-long-backend-name-for-testing-the-limits-of-k8s", "prometheus")));

        Assert.Contains("more than Kubernetes allows", compilation.Single("TELC214").Message);
    }

    [Fact]
    public void GitOps_needs_the_repository_url_at_validate_time()
    {
        var project = Specs.Header + "kind: Project\nmetadata: { name: p }\nspec: { gitOps: { flavour: flux } }\n";

        var compilation = Specs.Compile(("c.yaml", Cluster), ("p.yaml", project));

        Assert.Contains("Flux needs the git repository", compilation.Single("TELC500").Message);
    }

    [Fact]
    public void Alerts_that_reach_no_alertmanager_are_a_warning()
    {
        var group = Specs.Header + "kind: AlertGroup\nmetadata: { name: g }\nspec:\n  rules: [ { alert: A, expr: up == 0 } ]\n";
        var restricted = Specs.Header + "kind: Backend\nmetadata: { name: am }\nspec: { clusters: [other], alertmanager: {} }\n---\n" + Cluster.Replace("name: c", "name: other");

        var compilation = Specs.Compile(("c.yaml", Cluster), ("b.yaml", Backend("metrics", "prometheus", "alertmanager: am")), ("am.yaml", restricted), ("g.yaml", group));

        var warning = compilation.Single("TELC217");
        Assert.Contains("reach no Alertmanager in cluster 'c'", warning.Message);
        Assert.Contains("not deployed to 'c'", warning.Hint);
    }

    [Fact]
    public void Namespace_filters_that_select_nothing_are_a_warning()
    {
        var pipeline = Specs.Header + "kind: MetricPipeline\nmetadata: { name: p }\nspec:\n  input: { prometheus: { namespaces: { include: [a, b] } } }\n  filter: { namespaces: { include: [c] } }\n  output: { backend: metrics }\n";

        var compilation = Specs.Compile(("c.yaml", Cluster), ("b.yaml", Backend("metrics", "prometheus")), ("p.yaml", pipeline));

        Assert.Contains("none in common", compilation.Single("TELC217").Message);
    }

    [Fact]
    public void Two_equally_specific_retention_rules_are_a_warning()
    {
        var policy = Specs.Header + "kind: RetentionPolicy\nmetadata: { name: r }\nspec:\n  rules:\n    - { signal: metrics, environment: dev, duration: 5d }\n    - { signal: metrics, environment: dev, duration: 9d }\n";

        var compilation = Specs.Compile(("c.yaml", Cluster), ("b.yaml", Backend("metrics", "prometheus")), ("r.yaml", policy));

        Assert.Contains("only the first counts", compilation.Single("TELC217").Message);
    }
}
