using Telc.Emit.Kubernetes;
using Telc.Emit.Loki;
using Telc.Output;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Stores;

/// <summary>A Loki backend is a single-binary Loki whose retention comes from the RetentionPolicy rules for logs.</summary>
public sealed class LokiTests
{
    private static string Spec(string loki, string rules) => Specs.Cluster("prod-1", "prod") + Specs.Backend("logs", "loki", loki) + Specs.Header + """
        kind: Team
        metadata: { name: shop }
        spec: { namespaces: [shop, shop-jobs], owners: ["@acme/shop"] }
        ---

        """ + Specs.Header + $$"""
        kind: RetentionPolicy
        metadata: { name: retention }
        spec:
          rules: {{rules}}
        """;

    private static Compilation Compile(string loki, string rules)
    {
        var compilation = Specs.Compile(Spec(loki, rules));
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return compilation;
    }

    private static OutMap Config(Compilation compilation) =>
        Parse(compilation.Objects.Select(o => o.Object).OfType<ConfigMap>().Single(c => c.Metadata.Name == "loki-logs-config").Data["loki.yaml"]);

    private static string? Text(OutMap config, string path) => (At(config, path) as OutScalar)?.Text;

    private static string[] Problems(OutMap config) => [.. LokiConfigChecker.Check(config).Select(p => p.ToString())];

    [Fact]
    public void The_rendered_config_passes_as_loki_reads_it_and_deletes_what_retention_says() =>
        Assert.Empty(Problems(Config(Compile("{ retention: { time: 20d } }", "[]"))));

    [Fact]
    public void The_most_specific_rule_sets_the_retention_of_every_stream()
    {
        var config = Config(Compile("{ retention: { time: 20d } }",
            "[{ signal: logs, duration: 60d }, { signal: logs, environment: prod, duration: 30d }]"));

        Assert.Equal("30d", Text(config, "limits_config.retention_period"));
        Assert.Equal("true", Text(config, "compactor.retention_enabled"));
        Assert.Equal("filesystem", Text(config, "compactor.delete_request_store"));
    }

    [Fact]
    public void Without_a_rule_the_backends_own_retention_applies() =>
        Assert.Equal("20d", Text(Config(Compile("{ retention: { time: 20d } }", "[]")), "limits_config.retention_period"));

    [Fact]
    public void A_teams_rule_keeps_the_streams_of_its_namespaces_for_its_own_period()
    {
        var streams = (OutSeq)At(Config(Compile("{}", "[{ signal: logs, team: shop, duration: 90d }, { signal: logs, team: shop, environment: prod, duration: 120d }]")), "limits_config.retention_stream")!;

        var stream = (OutMap)Assert.Single(streams.Items);
        Assert.Equal("{k8s_namespace_name=~\"shop|shop-jobs\"}", Text(stream, "selector"));
        Assert.Equal("120d", Text(stream, "period"));
        Assert.Equal("2", Text(stream, "priority"));
    }

    [Fact]
    public void Several_replicas_are_refused() =>
        Assert.Contains("asks for 3 Loki replicas", Specs.Compile(Spec("{ replicas: 3 }", "[]")).Single("TELC504").Message);

    [Fact]
    public void An_unknown_setting_is_refused_with_the_closest_name() =>
        Assert.Contains("loki.yaml.compactor.retention_enabeld: unknown setting (did you mean 'retention_enabled'?)",
            Problems(With(Config(Compile("{}", "[]")), "compactor.retention_enabeld", new OutScalar("true", OutScalarKind.Bool))));

    [Fact]
    public void A_duration_loki_cannot_read_is_refused() =>
        Assert.Contains("loki.yaml.limits_config.retention_period: '30 days' is not a duration (e.g. 30d, 1w, 2h30m)",
            Problems(With(Config(Compile("{}", "[]")), "limits_config.retention_period", OutScalar.String("30 days"))));

    [Fact]
    public void The_image_is_the_version_the_schema_was_derived_from() =>
        Assert.EndsWith(":" + LokiConfigChecker.Version, Telc.Emit.Images.Loki, StringComparison.Ordinal);
}
