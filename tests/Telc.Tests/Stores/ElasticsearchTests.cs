using System.Text.Json.Nodes;
using Telc.Emit;
using Telc.Emit.Elasticsearch;
using Telc.Emit.Kubernetes;
using Telc.Output;
using Telc.Tests.Support;
using static Telc.Tests.Support.CollectorConfigs;

namespace Telc.Tests.Stores;

/// <summary>
/// An Elasticsearch backend is a cluster with security on, Kibana, and a setup Job whose request bodies (index
/// lifecycle policies, templates, data views) pass the official client's types and the ILM rules, for data streams
/// that are exactly those the collectors and Fluent Bit write to, kept as long as the RetentionPolicy rules say.
/// </summary>
public sealed class ElasticsearchTests
{
    private const string Secrets =
        "passwordSecretRef: { name: search-credentials, key: elastic }, kibanaPasswordSecretRef: { name: search-credentials, key: kibana_system }, "
        + "writerPasswordSecretRef: { name: search-credentials, key: writer }";

    private const string ThreeNodes = "replicas: 3, transportTlsSecretRef: { name: search-transport }, " + Secrets;

    /// <summary>One pipeline read by the collectors (containers on the agent, events on the gateway), one by Fluent Bit.</summary>
    private static readonly string Pipelines = Specs.Header + """
        kind: LogPipeline
        metadata: { name: app-logs }
        spec:
          input: { containers: { namespaces: { include: [shop] } }, events: { enabled: true } }
          output: { backend: search }
        ---

        """ + Specs.Header + """
        kind: LogPipeline
        metadata: { name: node }
        spec:
          agent: fluentbit
          input: { node: { journald: true } }
          output: { backend: search }
        ---

        """;

    private static string Spec(string elasticsearch, string rules = "[]", string? pipelines = null, string? more = null) =>
        Specs.Cluster("prod-1", "prod") + Specs.Backend("search", "elasticsearch", $"{{ {elasticsearch} }}") + (more ?? string.Empty) + (pipelines ?? Pipelines)
        + Specs.ShopAndRetention(rules);

    private static Compilation Compile(string elasticsearch, string rules = "[]", string? pipelines = null, string? more = null) =>
        Specs.CompileWithoutErrors(Spec(elasticsearch, rules, pipelines, more));

    private static IEnumerable<IKubernetesObject> Objects(Compilation compilation) => compilation.Objects.Select(o => o.Object);

    private static IReadOnlyDictionary<string, string> SetupFiles(Compilation compilation) =>
        Objects(compilation).OfType<ConfigMap>().Single(c => c.Metadata.Name == "elasticsearch-search-setup").Data;

    private static JsonNode Body(Compilation compilation, string file) => JsonNode.Parse(SetupFiles(compilation)[file])!;

    private static string? DeleteAfter(Compilation compilation, string pipeline) =>
        Body(compilation, $"{pipeline}.ilm.json")["policy"]!["phases"]!["delete"]?["min_age"]?.GetValue<string>();

    private static Container Node(Compilation compilation) =>
        Objects(compilation).OfType<StatefulSet>().Single(s => s.Metadata.Name == "elasticsearch-search").Spec.Template.Spec.Containers.Single();

    private static string? Setting(Container container, string name) => container.Env.SingleOrDefault(e => e.Name == name)?.Value;

    private static string Job(Compilation compilation) => Objects(compilation).OfType<Job>().Single().Metadata.Name;

    [SkippableFact]
    public void The_rendered_bodies_pass_the_official_clients_types_and_the_lifecycle_rules()
    {
        var bodies = SetupFiles(Compile(ThreeNodes + ", retention: { time: 30d }")).Where(f => f.Key.EndsWith(".json", StringComparison.Ordinal)).ToArray();

        var (exitCode, output) = ExternalTools.CheckElasticsearchBodies(bodies.Select(b => (b.Key, b.Value)));

        Assert.True(exitCode == 0, output);
        // Two policies, two index templates, the component template and two data views; the writer's role is not a kind the checker knows.
        Assert.Contains("7 files checked, 0 with errors", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_broken_body_is_caught()
    {
        var files = SetupFiles(Compile(ThreeNodes + ", retention: { time: 30d }")).Where(f => f.Key.EndsWith(".json", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value);
        var policy = JsonNode.Parse(files["app-logs.ilm.json"])!;
        policy["policy"]!["phases"]!["delete"]!["actions"]!["rollover"] = new JsonObject { ["max_age"] = "1d" };
        var template = JsonNode.Parse(files["node.index-template.json"])!.AsObject();
        template["index_pattern"] = template["index_patterns"]!.DeepClone();
        template.Remove("index_patterns");
        files["app-logs.ilm.json"] = policy.ToJsonString();
        files["node.index-template.json"] = template.ToJsonString();

        var (exitCode, output) = ExternalTools.CheckElasticsearchBodies(files.Select(f => (f.Key, f.Value)));

        Assert.Equal(1, exitCode);
        Assert.Contains("error ILM-ROLLOVER-OUTSIDE-HOT at /policy/phases/delete/actions/rollover", output, StringComparison.Ordinal);
        Assert.Contains("error TS2353 at /index_pattern", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_most_specific_rule_for_logs_deletes_every_pipelines_logs()
    {
        var compilation = Compile(Secrets + ", retention: { time: 20d }",
            "[{ signal: logs, duration: 60d }, { signal: logs, environment: prod, duration: 30d }, { signal: logs, environment: prod, backend: search, duration: 3w }, { signal: metrics, environment: stage, duration: 90d }]");

        Assert.Equal("21d", DeleteAfter(compilation, "app-logs"));
        Assert.Equal("21d", DeleteAfter(compilation, "node"));
        Assert.Equal("1d", Body(compilation, "app-logs.ilm.json")["policy"]!["phases"]!["hot"]!["actions"]!["rollover"]!["max_age"]!.GetValue<string>());
    }

    [Fact]
    public void Without_a_rule_the_backends_own_retention_applies() =>
        Assert.Equal("20d", DeleteAfter(Compile(Secrets + ", retention: { time: 20d }", "[{ signal: logs, environment: dev, duration: 3d }]"), "app-logs"));

    [Fact]
    public void Without_any_retention_logs_are_kept() =>
        Assert.Null(Body(Compile(Secrets), "app-logs.ilm.json")["policy"]!["phases"]!["delete"]);

    [Fact]
    public void A_teams_rule_loki_applies_is_named_for_elasticsearch()
    {
        var compilation = Compile(Secrets, "[{ signal: logs, team: shop, duration: 90d }]", more: Specs.Backend("logs", "loki"));

        Assert.Contains(compilation.Diagnostics, d => d.Code == "TELC501"
            && d.Message.StartsWith("spec.rules[0] of RetentionPolicy/retention for Elasticsearch is checked but not rendered", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_writer_ships_to_a_data_stream_a_template_makes_as_the_user_allowed_to_write_it()
    {
        var compilation = Compile(Secrets);
        var files = SetupFiles(compilation);
        var templates = files.Where(f => f.Key.EndsWith(".index-template.json", StringComparison.Ordinal)).Select(f => JsonNode.Parse(f.Value)!).ToArray();
        var role = JsonNode.Parse(files["writer.role.json"])!;
        var exporters = new[] { "otel-agent", "otel-gateway" }.SelectMany(c => ((OutMap)At(Of(compilation, c), "exporters")!).Entries)
            .Where(e => e.Key.StartsWith("elasticsearch/", StringComparison.Ordinal)).Select(e => (OutMap)e.Value).ToArray();
        var fluentBit = ((OutSeq)At(Parse(Objects(compilation).OfType<ConfigMap>().Single(c => c.Metadata.Name == "fluent-bit").Data["fluent-bit.yaml"]), "pipeline.outputs")!)
            .Items.Cast<OutMap>().Where(o => ((OutScalar)At(o, "name")!).Text == "es").ToArray();
        var writers = exporters.Select(e => (Target: ((OutScalar)At(e, "logs_index")!).Text, User: ((OutScalar)At(e, "user")!).Text, Password: ((OutScalar)At(e, "password")!).Text))
            .Concat(fluentBit.Select(o => (Target: ((OutScalar)At(o, "index")!).Text, User: ((OutScalar)At(o, "http_user")!).Text, Password: ((OutScalar)At(o, "http_passwd")!).Text)))
            .ToArray();

        Assert.Equal(["logs-app_logs-default", "logs-app_logs-default", "logs-node-default"], writers.Select(w => w.Target).Order(StringComparer.Ordinal));
        foreach (var (target, user, password) in writers)
        {
            var template = Assert.Single(templates, t => t["index_patterns"]!.AsArray().Any(p => p!.GetValue<string>() == target));
            Assert.NotNull(template["data_stream"]);
            Assert.Contains(target, role["indices"]![0]!["names"]!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.Equal(ElasticsearchWriter.User, user);
            Assert.Matches(@"^\$\{(env:)?TELC_[A-Z_]+_PASSWORD\}$", password);
        }

        Assert.Equal(["logs-app_logs-default", "logs-node-default"],
            files.Where(f => f.Key.EndsWith(".data-view.json", StringComparison.Ordinal)).Select(f => JsonNode.Parse(f.Value)!["data_view"]!["title"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var agent = Objects(compilation).OfType<DaemonSet>().Single(d => d.Metadata.Name == "otel-agent").Spec.Template.Spec.Containers.Single();
        Assert.Contains(agent.Env, e => e.Name == "TELC_APP_LOGS_PASSWORD" && e.ValueFrom?.SecretKeyRef == new SecretKeySelector("search-credentials", "writer"));
    }

    [Fact]
    public void Dotted_label_keys_are_flat_keywords_so_app_and_app_kubernetes_io_name_do_not_collide()
    {
        var mappings = Body(Compile(Secrets), "logs-mappings.component-template.json")["template"]!["mappings"]!;

        Assert.False(mappings["properties"]!["kubernetes"]!["properties"]!["labels"]!["subobjects"]!.GetValue<bool>());
        Assert.False(mappings["properties"]!["resource"]!["properties"]!["attributes"]!["subobjects"]!.GetValue<bool>());
        var keywords = mappings["dynamic_templates"]![0]!["dotted_keys_as_keywords"]!;
        Assert.Contains("kubernetes.labels.*", keywords["path_match"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("keyword", keywords["mapping"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void One_replica_is_a_single_node_cluster()
    {
        var compilation = Compile(Secrets);
        var node = Node(compilation);

        Assert.Equal("single-node", Setting(node, "discovery.type"));
        Assert.Null(Setting(node, "cluster.initial_master_nodes"));
        Assert.Equal(0, Body(compilation, "app-logs.index-template.json")["template"]!["settings"]!["index.number_of_replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Several_replicas_find_each_other_through_the_headless_service_over_transport_tls()
    {
        var compilation = Compile(ThreeNodes);
        var node = Node(compilation);
        var headless = Objects(compilation).OfType<Service>().Single(s => s.Metadata.Name == "elasticsearch-search-nodes");

        Assert.Null(Setting(node, "discovery.type"));
        Assert.Equal("elasticsearch-search-nodes", Setting(node, "discovery.seed_hosts"));
        Assert.Equal("elasticsearch-search-0,elasticsearch-search-1,elasticsearch-search-2", Setting(node, "cluster.initial_master_nodes"));
        Assert.Equal("certs/transport/tls.key", Setting(node, "xpack.security.transport.ssl.key"));
        Assert.Equal(("None", true), (headless.Spec.ClusterIP, headless.Spec.PublishNotReadyAddresses));
        Assert.Equal(1, Body(compilation, "app-logs.index-template.json")["template"]!["settings"]!["index.number_of_replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Security_is_on_with_the_elastic_password_from_the_secret_and_the_heap_is_half_the_memory()
    {
        var node = Node(Compile(Secrets + ", resources: { limits: { memory: 8Gi } }"));

        Assert.Equal("true", Setting(node, "xpack.security.enabled"));
        Assert.Equal("-Xms4096m -Xmx4096m", Setting(node, "ES_JAVA_OPTS"));
        Assert.Contains(node.Env, e => e.Name == "ELASTIC_PASSWORD" && e.ValueFrom?.SecretKeyRef == new SecretKeySelector("search-credentials", "elastic"));
        Assert.Contains("${ELASTIC_PASSWORD}", Assert.Single(node.ReadinessProbe!.Exec!.Command, c => c.Contains("_cluster/health?wait_for_status=yellow", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Kibana_logs_in_as_kibana_system_never_as_elastic()
    {
        var kibana = Objects(Compile(Secrets)).OfType<Deployment>().Single(d => d.Metadata.Name == "kibana-search").Spec.Template.Spec.Containers.Single();

        Assert.Equal("kibana_system", kibana.Env.Single(e => e.Name == "ELASTICSEARCH_USERNAME").Value);
        Assert.Equal(new SecretKeySelector("search-credentials", "kibana_system"), kibana.Env.Single(e => e.Name == "ELASTICSEARCH_PASSWORD").ValueFrom?.SecretKeyRef);
    }

    [Fact]
    public void Without_kibana_there_are_no_data_views_and_no_kibana_password_is_needed()
    {
        var compilation = Compile("kibana: false, passwordSecretRef: { name: c, key: elastic }, writerPasswordSecretRef: { name: c, key: writer }");

        Assert.DoesNotContain(Objects(compilation), o => o.Metadata.Name.StartsWith("kibana", StringComparison.Ordinal));
        Assert.DoesNotContain(SetupFiles(compilation).Keys, k => k.EndsWith(".data-view.json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("kibanaPasswordSecretRef: { name: c, key: k }, writerPasswordSecretRef: { name: c, key: w }", "has no 'passwordSecretRef'")]
    [InlineData("passwordSecretRef: { name: c, key: e }, writerPasswordSecretRef: { name: c, key: w }", "runs Kibana, which logs in as the built-in kibana_system user")]
    [InlineData("passwordSecretRef: { name: c, key: e }, kibanaPasswordSecretRef: { name: c, key: k }", "LogPipeline/app-logs, LogPipeline/node write to Backend/search")]
    [InlineData("replicas: 3, " + Secrets, "asks for 3 Elasticsearch nodes")]
    public void A_secret_it_needs_is_asked_for_never_defaulted(string elasticsearch, string message)
    {
        var missing = Specs.Compile(Spec(elasticsearch)).Single("TELC132");

        Assert.Contains(message, missing.Message, StringComparison.Ordinal);
        Assert.NotNull(missing.Hint);
    }

    [Fact]
    public void The_transport_certificate_hint_says_how_to_make_one() =>
        Assert.Contains("elasticsearch-certutil", Specs.Compile(Spec("replicas: 2, " + Secrets)).Single("TELC132").Hint, StringComparison.Ordinal);

    [Fact]
    public void The_setup_job_is_a_new_job_when_what_it_sends_changes_and_the_same_one_otherwise()
    {
        var before = Job(Compile(Secrets + ", retention: { time: 20d }"));

        Assert.Equal(before, Job(Compile(Secrets + ", retention: { time: 20d }")));
        Assert.NotEqual(before, Job(Compile(Secrets + ", retention: { time: 10d }")));
        Assert.Matches("^elasticsearch-search-setup-[0-9a-f]{10}$", before);
    }

    [SkippableFact]
    public void The_setup_script_sends_every_body_in_order_with_the_passwords_as_json()
    {
        var files = SetupFiles(Compile(Secrets));
        using var folder = new TempFolder();
        var script = folder.Write("setup.sh", files[SetupScript.FileName]);
        var log = Path.Combine(folder.Path, "requests.log");
        // A curl that answers every request with success and logs its method, URL and body (a file's name, or what came on standard input).
        var curl = folder.Write("bin/curl", """
            #!/bin/bash
            method=GET; url=; data=
            while [ $# -gt 0 ]; do
              case "$1" in
                -X) method=$2; shift 2 ;;
                --data-binary) data=$2; shift 2 ;;
                --user|-H|--output) shift 2 ;;
                -*) shift ;;
                *) url=$1; shift ;;
              esac
            done
            if [ "$data" = "@-" ]; then data=$(cat); fi
            echo "$method $url ${data#@}" >> "$REQUESTS"
            """);
        Skip.If(OperatingSystem.IsWindows(), "the setup script is bash, run in a Linux image");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(curl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{Path.Combine(folder.Path, "bin")}:{Environment.GetEnvironmentVariable("PATH")}",
            ["REQUESTS"] = log,
            ["ELASTIC_PASSWORD"] = "elastic-secret",
            ["WRITER_PASSWORD"] = "wr\"it\\er",
            ["KIBANA_SYSTEM_PASSWORD"] = "kibana",
        };

        var (exitCode, output) = ExternalTools.RunIn(folder.Path, environment, TimeSpan.FromMinutes(1), "bash", script);

        Assert.True(exitCode == 0, output);
        string[] requests = [.. File.ReadAllLines(log).Select(l => l.Replace("/etc/telc/setup/", string.Empty, StringComparison.Ordinal))];
        Assert.Equal(
        [
            "GET http://elasticsearch-search:9200/_cluster/health?wait_for_status=yellow&timeout=10s ",
            "PUT http://elasticsearch-search:9200/_component_template/telc-logs@mappings logs-mappings.component-template.json",
            "PUT http://elasticsearch-search:9200/_ilm/policy/telc-logs-app-logs app-logs.ilm.json",
            "PUT http://elasticsearch-search:9200/_index_template/telc-logs-app-logs app-logs.index-template.json",
            "PUT http://elasticsearch-search:9200/_ilm/policy/telc-logs-node node.ilm.json",
            "PUT http://elasticsearch-search:9200/_index_template/telc-logs-node node.index-template.json",
            "PUT http://elasticsearch-search:9200/_security/role/telc-logs-writer writer.role.json",
            "PUT http://elasticsearch-search:9200/_security/user/telc-logs-writer {\"password\":\"wr\\\"it\\\\er\",\"roles\":[\"telc-logs-writer\"]}",
            "POST http://elasticsearch-search:9200/_security/user/kibana_system/_password {\"password\":\"kibana\"}",
            "GET http://kibana-search:5601/api/status ",
            "POST http://kibana-search:5601/api/data_views/data_view app-logs.data-view.json",
            "POST http://kibana-search:5601/api/data_views/data_view node.data-view.json",
        ], requests);
        Assert.Equal("wr\"it\\er", JsonNode.Parse(requests[7][(requests[7].IndexOf('{', StringComparison.Ordinal))..])!["password"]!.GetValue<string>());
        Assert.All(requests.Skip(1).Where(r => !r.Contains('{', StringComparison.Ordinal) && !r.EndsWith(' ')), r => Assert.Contains(r[(r.LastIndexOf(' ') + 1)..], files.Keys));
    }

    [Fact]
    public void Kibana_and_the_checker_are_the_version_of_elasticsearch()
    {
        var version = Images.Elasticsearch[(Images.Elasticsearch.LastIndexOf(':') + 1)..];
        var client = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("tests", "tools", "elasticsearch", "package.json")))!["dependencies"]!["@elastic/elasticsearch"]!.GetValue<string>();

        Assert.EndsWith(":" + version, Images.Kibana, StringComparison.Ordinal);
        Assert.Equal(version, client);
    }
}
