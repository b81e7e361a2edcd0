using System.Text.Json.Nodes;
using Telc.Emit;
using Telc.Emit.Kubernetes;
using Telc.Emit.Zipkin;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Stores;

/// <summary>
/// A Zipkin backend is a Zipkin server keeping spans in memory — the newest that fit, so no rule can keep them for a
/// time and every such rule is named — or in an Elasticsearch backend, whose setup Job gives Zipkin's daily indices
/// Zipkin's own mappings and a lifecycle that deletes them at the retention the rules for traces say.
/// </summary>
public sealed class ZipkinTests
{
    private const string Namespace = "telemetry";

    private const string Search =
        "{ kibana: false, passwordSecretRef: { name: search-credentials, key: elastic }, writerPasswordSecretRef: { name: search-credentials, key: writer } }";

    private static string Spec(string zipkin, string rules = "[]", string others = "") =>
        Specs.Cluster("prod-1", "prod") + Specs.Backend("spans", "zipkin", zipkin) + others + Specs.ShopAndRetention(rules);

    private static Compilation Compile(string zipkin, string rules = "[]", string others = "") => Specs.CompileWithoutErrors(Spec(zipkin, rules, others));

    private static Compilation InElasticsearch(string zipkin = "elasticsearch: search") =>
        Compile($"{{ {zipkin} }}", others: Specs.Backend("search", "elasticsearch", Search));

    private static IEnumerable<IKubernetesObject> Objects(Compilation compilation) => compilation.Objects.Select(o => o.Object);

    private static Container Server(Compilation compilation) =>
        Objects(compilation).OfType<Deployment>().Single(d => d.Metadata.Name == "zipkin-spans").Spec.Template.Spec.Containers.Single();

    private static string? Setting(Container container, string name) => container.Env.SingleOrDefault(e => e.Name == name)?.Value;

    private static IReadOnlyDictionary<string, string> SetupFiles(Compilation compilation) =>
        Objects(compilation).OfType<ConfigMap>().Single(c => c.Metadata.Name == "elasticsearch-search-setup").Data;

    private static string? DeleteAfter(Compilation compilation) =>
        JsonNode.Parse(SetupFiles(compilation)["traces_zipkin.ilm.json"])!["policy"]!["phases"]!["delete"]?["min_age"]?.GetValue<string>();

    [Fact]
    public void In_memory_zipkin_keeps_as_many_spans_as_half_its_memory_limit_holds()
    {
        var byDefault = Server(Compile("{}"));
        var larger = Server(Compile("{ resources: { limits: { memory: 4Gi } } }"));

        Assert.Equal("mem", Setting(byDefault, "STORAGE_TYPE"));
        Assert.Equal(("524288", "-Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError"), (Setting(byDefault, "MEM_MAX_SPANS"), Setting(byDefault, "JAVA_OPTS")));
        Assert.Equal(("1Gi", "1Gi"), (byDefault.Resources.Requests["memory"], byDefault.Resources.Limits["memory"]));
        Assert.Equal(("2097152", "-Xms2048m -Xmx2048m -XX:+ExitOnOutOfMemoryError"), (Setting(larger, "MEM_MAX_SPANS"), Setting(larger, "JAVA_OPTS")));
    }

    [Fact]
    public void The_server_runs_as_the_images_user_by_number_read_only_and_is_ready_on_health()
    {
        var compilation = Compile("{}");
        var deployment = Objects(compilation).OfType<Deployment>().Single();
        var port = Assert.Single(Objects(compilation).OfType<Service>().Single().Spec.Ports);
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal(1, deployment.Spec.Replicas);
        Assert.Equal((9411, "http"), (port.Port, port.TargetPort));
        Assert.Equal(Images.Zipkin, container.Image);
        Assert.Equal((1000, 1000, true), (pod.SecurityContext!.RunAsUser, pod.SecurityContext.RunAsGroup, pod.SecurityContext.RunAsNonRoot));
        Assert.True(container.SecurityContext!.ReadOnlyRootFilesystem);
        Assert.Contains(container.VolumeMounts, m => m is { Name: "tmp", MountPath: "/tmp" });
        Assert.Equal(("/health", "http"), (container.ReadinessProbe!.HttpGet!.Path, container.ReadinessProbe.HttpGet.Port));
    }

    [Fact]
    public void In_memory_neither_a_rule_nor_the_retention_can_keep_spans_for_a_time()
    {
        var compilation = Specs.Compile(Spec("{ retention: { time: 20d } }", "[{ signal: traces, duration: 20d }]"));

        var errors = compilation.Diagnostics.Where(d => d.Code == "TELC220").Select(d => d.Message).ToArray();
        Assert.Contains(errors, m => m.StartsWith("no store that telc runs keeps traces", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.StartsWith("Zipkin 'spans' keeps spans in memory", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_another_trace_store_applies_is_named_for_an_in_memory_zipkin_it_reaches_too()
    {
        var compilation = Compile("{}", "[{ signal: traces, duration: 20d }]", Specs.Backend("tempo", "tempo"));
        var info = Assert.Single(compilation.Diagnostics, d => d.Code == "TELC501" && d.Message.StartsWith("spec.rules[0] of RetentionPolicy/retention", StringComparison.Ordinal));

        Assert.StartsWith("spec.rules[0] of RetentionPolicy/retention for Zipkin is checked but not rendered", info.Message, StringComparison.Ordinal);
        Assert.Contains("set its elasticsearch to an Elasticsearch backend", info.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void In_elasticsearch_zipkin_writes_as_its_own_user_with_the_writers_password_and_makes_no_templates()
    {
        var server = Server(InElasticsearch());

        Assert.Equal("elasticsearch", Setting(server, "STORAGE_TYPE"));
        Assert.Equal($"http://elasticsearch-search.{Namespace}.svc:9200", Setting(server, "ES_HOSTS"));
        Assert.Equal(("zipkin", "false", "telc-zipkin"), (Setting(server, "ES_INDEX"), Setting(server, "ES_ENSURE_TEMPLATES"), Setting(server, "ES_USERNAME")));
        Assert.Null(Setting(server, "MEM_MAX_SPANS"));
        Assert.Contains(server.Env, e => e.Name == "ES_PASSWORD" && e.ValueFrom?.SecretKeyRef == new SecretKeySelector("search-credentials", "writer"));
    }

    [Fact]
    public void Without_any_retention_the_indices_are_kept() =>
        Assert.Null(DeleteAfter(InElasticsearch()));

    [Fact]
    public void A_rule_for_the_elasticsearchs_logs_leaves_zipkins_traces_alone() =>
        Assert.Equal("10d", DeleteAfter(Compile("{ elasticsearch: search, retention: { time: 10d } }", "[{ signal: logs, environment: prod, backend: search, duration: 20d }]",
            Specs.Backend("search", "elasticsearch", Search))));

    [Fact]
    public void The_templates_have_zipkins_names_and_patterns_and_the_user_comes_after_them()
    {
        var files = SetupFiles(InElasticsearch("elasticsearch: search, retention: { time: 10d }"));
        var script = files["setup.sh"].Split('\n');
        int Line(string text) => Array.FindIndex(script, l => l.Contains(text, StringComparison.Ordinal));

        foreach (var type in new[] { "span", "dependency", "autocomplete" })
        {
            var template = JsonNode.Parse(files[$"traces_zipkin-{type}.index-template.json"])!;
            Assert.Equal($"zipkin-{type}-*", template["index_patterns"]![0]!.GetValue<string>());
            Assert.Equal("telc-zipkin", template["template"]!["settings"]!["index.lifecycle.name"]!.GetValue<string>());
            Assert.InRange(Line($"_index_template/zipkin-{type}_template"), 0, Line("_security/user/telc-zipkin") - 1);
        }

        Assert.Equal("keyword", JsonNode.Parse(files["traces_zipkin-span.index-template.json"])!["template"]!["mappings"]!["properties"]!["traceId"]!["type"]!.GetValue<string>());
        Assert.Equal(["zipkin-span-*", "zipkin-dependency-*", "zipkin-autocomplete-*"],
            JsonNode.Parse(files["traces_zipkin.role.json"])!["indices"]![0]!["names"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(Line("_security/role/telc-zipkin") < Line("_security/user/telc-zipkin"));
        Assert.Contains(Objects(InElasticsearch()).OfType<Job>().Single().Spec.Template.Spec.Containers.Single().Env, e => e.Name == "WRITER_PASSWORD");
    }

    [SkippableFact]
    public void The_rendered_bodies_pass_the_official_clients_types_and_the_lifecycle_rules()
    {
        var bodies = SetupFiles(InElasticsearch("elasticsearch: search, retention: { time: 10d }")).Where(f => f.Key.StartsWith("traces_zipkin", StringComparison.Ordinal)).ToArray();

        var (exitCode, output) = ExternalTools.CheckElasticsearchBodies(bodies.Select(b => (b.Key, b.Value)));

        Assert.True(exitCode == 0, output);
        // The policy and three index templates; the role is not a kind the checker knows.
        Assert.Contains("4 files checked, 0 with errors", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_broken_body_is_caught()
    {
        var files = SetupFiles(InElasticsearch("elasticsearch: search, retention: { time: 10d }")).Where(f => f.Key.StartsWith("traces_zipkin", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => f.Value);
        var policy = JsonNode.Parse(files["traces_zipkin.ilm.json"])!;
        policy["policy"]!["phases"]!["delete"]!["min_age"] = "10 days";
        var template = JsonNode.Parse(files["traces_zipkin-span.index-template.json"])!;
        template["template"]!["mappings"]!["properties"]!["duration"]!["type"] = 42;
        files["traces_zipkin.ilm.json"] = policy.ToJsonString();
        files["traces_zipkin-span.index-template.json"] = template.ToJsonString();

        var (exitCode, output) = ExternalTools.CheckElasticsearchBodies(files.Select(f => (f.Key, f.Value)));

        Assert.Equal(1, exitCode);
        Assert.Contains("error ILM-MIN-AGE-FORMAT at /policy/phases/delete/min_age", output, StringComparison.Ordinal);
        Assert.Contains("traces_zipkin-span.index-template.json", output.Split('\n').Single(l => l.Contains(" error TS", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_elasticsearch_not_deployed_where_zipkin_runs_is_an_error()
    {
        var error = Specs.Compile(Spec("{ elasticsearch: search }", others: Specs.Cluster("prod-2", "prod")
            + Specs.Header + $"kind: Backend\nmetadata: {{ name: search }}\nspec: {{ clusters: [prod-2], elasticsearch: {Search} }}\n---\n")).Single("TELC500");

        Assert.Equal("Zipkin 'spans' stores its spans in Elasticsearch 'search', which is not deployed to cluster 'prod-1'", error.Message);
    }

    [Fact]
    public void Two_zipkins_in_one_elasticsearch_are_refused() =>
        Assert.Contains("would both store their spans in Elasticsearch 'search'",
            Specs.Compile(Spec("{ elasticsearch: search }", others: Specs.Backend("search", "elasticsearch", Search) + Specs.Backend("more", "zipkin", "{ elasticsearch: search }"))).Single("TELC504").Message,
            StringComparison.Ordinal);

    [Fact]
    public void Only_an_elasticsearch_can_store_the_spans() =>
        Assert.Contains("which cannot store Zipkin's spans", Specs.Compile(Spec("{ elasticsearch: traces }", others: Specs.Backend("traces", "tempo"))).Single("TELC208").Message, StringComparison.Ordinal);

    [Fact]
    public void The_elasticsearch_asks_for_the_writers_password_zipkin_writes_with() =>
        Assert.Contains("Backend/spans writes to Backend/search",
            Specs.Compile(Spec("{ elasticsearch: search }", others: Specs.Backend("search", "elasticsearch", "{ kibana: false, passwordSecretRef: { name: c, key: e } }"))).Single("TELC132").Message,
            StringComparison.Ordinal);
}
