using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Emit;
using Telc.Emit.Grafana;
using Telc.Emit.Kubernetes;
using Telc.Output;
using Telc.Parsing;
using Telc.Tests.Support;
using static Telc.Output.OutTree;

namespace Telc.Tests.Stores;

/// <summary>
/// A Grafana backend is a Grafana 12 on SQLite with a datasource of fixed uid for every backend it reads in its cluster,
/// the signals linked to each other, credentials from Secrets through its environment, and a dashboard provider per
/// folder; its provisioning files are checked against the schema derived from Grafana's sources.
/// </summary>
public sealed class GrafanaTests
{
    private const string Admin = "adminPasswordSecretRef: { name: grafana-admin, key: password }";

    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["TELC_DATASOURCE_SEARCH_PASSWORD"] = "elastic-from-secret",
        ["TELC_DATASOURCE_TSDB_TOKEN"] = "token-from-secret",
        ["HOME"] = "/usr/share/grafana",
    };

    private static string Stores(string except = "") =>
        string.Concat(new (string Name, string Type, string Settings)[]
        {
            ("metrics", "prometheus", "{}"),
            ("archive", "prometheus", "{}"),
            ("logs", "loki", "{}"),
            ("search", "elasticsearch", "{ kibana: false, passwordSecretRef: { name: search-credentials, key: elastic } }"),
            ("spans", "tempo", "{}"),
            ("jaeger", "jaeger", "{}"),
            ("zipkin", "zipkin", "{}"),
            ("tsdb", "influxdb", "{ organization: \"acme$HOME\", bucket: \"metrics$\", tokenSecretRef: { name: influxdb-auth, key: token } }"),
        }.Where(b => !except.Split(',').Contains(b.Name)).Select(b => Specs.Backend(b.Name, b.Type, b.Settings)));

    private static string Spec(string grafana = Admin, string except = "") =>
        Specs.Cluster("prod-1", "prod") + Stores(except) + Specs.Header + $"kind: Backend\nmetadata: {{ name: ui }}\nspec:\n  grafana: {{ {grafana} }}\n";

    private static Compilation Compile(string grafana = Admin, string except = "") => Specs.CompileWithoutErrors(Spec(grafana, except));

    private static IEnumerable<IKubernetesObject> Objects(Compilation compilation) => compilation.Objects.Select(o => o.Object);

    private static YamlMapping File(Compilation compilation, string configMap, string key) =>
        (YamlMapping)Specs.Parse(Objects(compilation).OfType<ConfigMap>().Single(c => c.Metadata.Name == configMap).Data[key]).Documents.Single().Root;

    private static Dictionary<string, YamlMapping> Datasources(Compilation compilation) =>
        ((YamlSequence)File(compilation, "grafana-ui-datasources", GrafanaDatasourcesFile.FileName).Find("datasources")!.Value).Items.Cast<YamlMapping>()
            .ToDictionary(d => Text(d, "name")!, StringComparer.Ordinal);

    private static string? Text(YamlNode node, string path) => YamlPath.Find(node, path)?.Value is YamlScalar scalar ? scalar.Value : null;

    private static StatefulSet Server(Compilation compilation) => Objects(compilation).OfType<StatefulSet>().Single(s => s.Metadata.Name == "grafana-ui");

    private static string Position(string spec, string written)
    {
        var at = spec.IndexOf(written, StringComparison.Ordinal);
        return $"{spec[..at].Count(c => c == '\n') + 1}:{at - spec.LastIndexOf('\n', at)}";
    }

    [Fact]
    public void Every_backend_grafana_reads_is_a_datasource_with_a_fixed_uid_at_its_service_and_the_first_prometheus_is_the_default()
    {
        var datasources = Datasources(Compile());

        Assert.Equal(["archive", "jaeger", "logs", "metrics", "search", "spans", "tsdb", "zipkin"], datasources.Keys.Order(StringComparer.Ordinal));
        Assert.All(datasources, d => Assert.Equal(GrafanaUid.Datasource(d.Key), Text(d.Value, "uid")));
        Assert.Equal(
            [
                ("archive", "prometheus", "http://prometheus-archive.telemetry.svc:9090"),
                ("jaeger", "jaeger", "http://jaeger.telemetry.svc:16686"),
                ("logs", "loki", "http://loki-logs.telemetry.svc:3100"),
                ("metrics", "prometheus", "http://prometheus-metrics.telemetry.svc:9090"),
                ("search", "elasticsearch", "http://elasticsearch-search.telemetry.svc:9200"),
                ("spans", "tempo", "http://tempo-spans.telemetry.svc:3200"),
                ("tsdb", "influxdb", "http://influxdb-tsdb.telemetry.svc:8086"),
                ("zipkin", "zipkin", "http://zipkin.telemetry.svc:9411"),
            ],
            datasources.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => (d.Key, Text(d.Value, "type"), Text(d.Value, "url"))));
        Assert.Equal(["archive"], datasources.Where(d => Text(d.Value, "isDefault") == "true").Select(d => d.Key));
        Assert.Equal(("Flux", "elastic"), (Text(datasources["tsdb"], "jsonData.version"), Text(datasources["search"], "basicAuthUser")));
    }

    [Fact]
    public void A_prometheus_the_operator_runs_is_read_at_the_prometheus_operated_service()
    {
        var compilation = Specs.CompileWithoutErrors(Specs.Cluster("prod-1", "prod") + Specs.Backend("metrics", "prometheus", "{ operator: true }")
            + Specs.Header + $"kind: Backend\nmetadata: {{ name: ui }}\nspec:\n  grafana: {{ {Admin} }}\n");

        Assert.Equal("http://prometheus-operated.telemetry.svc:9090", Text(Datasources(compilation)["metrics"], "url"));
    }

    [Fact]
    public void Signals_link_to_each_other_by_uid_exemplars_and_logs_to_tempo_traces_to_loki_and_the_service_map_to_the_default_prometheus()
    {
        var datasources = Datasources(Compile());
        var (traces, logs, metrics) = (GrafanaUid.Datasource("spans"), GrafanaUid.Datasource("logs"), GrafanaUid.Datasource("archive"));

        Assert.Equal((GrafanaDatasourcesFile.TraceIdLabel, traces), (Text(datasources["metrics"], "jsonData.exemplarTraceIdDestinations[0].name"),
            Text(datasources["metrics"], "jsonData.exemplarTraceIdDestinations[0].datasourceUid")));
        Assert.Equal(("label", "trace_id", traces), (Text(datasources["logs"], "jsonData.derivedFields[0].matcherType"),
            Text(datasources["logs"], "jsonData.derivedFields[0].matcherRegex"), Text(datasources["logs"], "jsonData.derivedFields[0].datasourceUid")));
        Assert.Equal(("regex", traces), (Text(datasources["logs"], "jsonData.derivedFields[1].matcherType"), Text(datasources["logs"], "jsonData.derivedFields[1].datasourceUid")));
        Assert.Equal(("trace_id", traces), (Text(datasources["search"], "jsonData.dataLinks[0].field"), Text(datasources["search"], "jsonData.dataLinks[0].datasourceUid")));
        foreach (var store in new[] { "spans", "jaeger", "zipkin" })
        {
            Assert.Equal((logs, "true"), (Text(datasources[store], "jsonData.tracesToLogsV2.datasourceUid"), Text(datasources[store], "jsonData.tracesToLogsV2.filterByTraceID")));
        }

        Assert.Equal((metrics, "true"), (Text(datasources["spans"], "jsonData.serviceMap.datasourceUid"), Text(datasources["spans"], "jsonData.nodeGraph.enabled")));
    }

    [Fact]
    public void Tempos_service_map_reads_the_prometheus_its_generator_writes_service_graphs_to()
    {
        var compilation = Specs.CompileWithoutErrors(Specs.Cluster("prod-1", "prod") + Specs.Backend("aaa", "prometheus", "{ operator: true }")
            + Specs.Backend("metrics", "prometheus") + Specs.Backend("spans", "tempo", "{ metricsGenerator: { serviceGraphs: true } }")
            + Specs.Header + $"kind: Backend\nmetadata: {{ name: ui }}\nspec:\n  grafana: {{ {Admin} }}\n");
        var datasources = Datasources(compilation);

        Assert.Equal("true", Text(datasources["aaa"], "isDefault"));
        Assert.Equal(GrafanaUid.Datasource("metrics"), Text(datasources["spans"], "jsonData.serviceMap.datasourceUid"));
    }

    [Theory]
    [InlineData("spans", "jaeger")]
    [InlineData("spans,jaeger", "zipkin")]
    public void Without_a_tempo_links_go_to_jaeger_then_zipkin(string except, string traces) =>
        Assert.Equal(GrafanaUid.Datasource(traces), Text(Datasources(Compile(except: except))["metrics"], "jsonData.exemplarTraceIdDestinations[0].datasourceUid"));

    [Fact]
    public void After_grafanas_own_expansion_every_literal_dollar_survives_and_the_credentials_come_from_the_environment()
    {
        var datasources = Datasources(Compile());
        string Expanded(string datasource, string path) => GrafanaInterpolation.Interpolate(Text(datasources[datasource], path)!, Environment);

        Assert.Equal("${__value.raw}", Expanded("logs", "jsonData.derivedFields[0].url"));
        Assert.Equal(GrafanaDatasourcesFile.TraceIdInLine, Expanded("logs", "jsonData.derivedFields[1].matcherRegex"));
        Assert.Equal("${__value.raw}", Expanded("search", "jsonData.dataLinks[0].url"));
        Assert.Equal(("acme$HOME", "metrics$"), (Expanded("tsdb", "jsonData.organization"), Expanded("tsdb", "jsonData.defaultBucket")));
        Assert.Equal(("elastic-from-secret", "token-from-secret"), (Expanded("search", "secureJsonData.basicAuthPassword"), Expanded("tsdb", "secureJsonData.token")));

        // Written as is, Grafana would have replaced them: the escaping is what keeps them.
        Assert.Equal(("", "acme/usr/share/grafana"), (GrafanaInterpolation.Interpolate("${__value.raw}", Environment), GrafanaInterpolation.Interpolate("acme$HOME", Environment)));
        Assert.Equal("traceID=(\\w+)$", GrafanaInterpolation.Interpolate(ProvisioningText.Escape("traceID=(\\w+)$"), Environment));
        Assert.Equal("a$$b", GrafanaInterpolation.Interpolate(ProvisioningText.Escape("a$$b"), Environment));
    }

    [Fact]
    public void Secrets_reach_grafana_only_through_its_environment_and_never_appear_in_the_rendered_tree()
    {
        var compilation = Compile();
        var container = Server(compilation).Spec.Template.Spec.Containers.Single();
        var rendered = string.Concat(Renderer.Render(compilation).Files.Select(f => f.Content));

        Assert.Equal(
            [("GF_SECURITY_ADMIN_PASSWORD", "grafana-admin", "password"), ("TELC_DATASOURCE_SEARCH_PASSWORD", "search-credentials", "elastic"), ("TELC_DATASOURCE_TSDB_TOKEN", "influxdb-auth", "token")],
            container.Env.Where(e => e.ValueFrom?.SecretKeyRef is not null).Select(e => (e.Name, e.ValueFrom!.SecretKeyRef!.Name, e.ValueFrom.SecretKeyRef.Key)));
        Assert.All(container.Env.Where(e => e.ValueFrom is not null), e => Assert.Null(e.Value));
        Assert.Equal("admin", container.Env.Single(e => e.Name == "GF_SECURITY_ADMIN_USER").Value);
        Assert.DoesNotContain(Environment["TELC_DATASOURCE_SEARCH_PASSWORD"], rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment["TELC_DATASOURCE_TSDB_TOKEN"], rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(Objects(compilation), o => o is IKubernetesObject { Kind: "Secret" });
    }

    [Fact]
    public void Grafana_runs_one_pinned_pod_as_472_on_a_read_only_root_with_its_database_on_the_claim_and_answers_health_on_3000()
    {
        var compilation = Compile(Admin + ", storage: { size: 5Gi, storageClass: fast }");
        var statefulSet = Server(compilation);
        var pod = statefulSet.Spec.Template.Spec;
        var container = pod.Containers.Single();
        var service = Objects(compilation).OfType<Service>().Single(s => s.Metadata.Name == "grafana-ui");

        Assert.Equal((1, Images.Grafana), (statefulSet.Spec.Replicas, container.Image));
        Assert.StartsWith("grafana/grafana:12.", Images.Grafana, StringComparison.Ordinal);
        Assert.Equal((472, 472, 472, true), (pod.SecurityContext!.RunAsUser, pod.SecurityContext.RunAsGroup, pod.SecurityContext.FsGroup, pod.SecurityContext.RunAsNonRoot));
        Assert.True(container.SecurityContext!.ReadOnlyRootFilesystem);
        Assert.Contains(container.VolumeMounts, m => m is { Name: "data", MountPath: "/var/lib/grafana", ReadOnly: false });
        Assert.Contains(container.VolumeMounts, m => m is { Name: "tmp", MountPath: "/tmp", ReadOnly: false });
        Assert.Equal(("5Gi", "fast"), (statefulSet.Spec.VolumeClaimTemplates.Single().Spec.Resources.Requests["storage"], statefulSet.Spec.VolumeClaimTemplates.Single().Spec.StorageClassName));
        Assert.DoesNotContain(pod.Volumes, v => v.Name == "data");
        Assert.Equal(("/api/health", "http"), (container.ReadinessProbe!.HttpGet!.Path, container.ReadinessProbe.HttpGet.Port));
        Assert.Equal(("/api/health", "http"), (container.LivenessProbe!.HttpGet!.Path, container.LivenessProbe.HttpGet.Port));
        Assert.Equal(("http", 3000), (service.Spec.Ports.Single().Name, service.Spec.Ports.Single().Port));
        Assert.Equal(["false", "false", "false"], new[] { "GF_ANALYTICS_REPORTING_ENABLED", "GF_ANALYTICS_CHECK_FOR_UPDATES", "GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES" }
            .Select(n => container.Env.Single(e => e.Name == n).Value));

        var withoutStorage = Server(Compile()).Spec.Template.Spec;
        Assert.NotNull(withoutStorage.Volumes.Single(v => v.Name == "data").EmptyDir);
    }

    [Fact]
    public void A_grafana_without_an_admin_password_secret_is_an_error_with_the_secret_to_make()
    {
        var error = Specs.Compile(Spec(grafana: string.Empty)).Single("TELC132");

        Assert.Contains("adminPasswordSecretRef", error.Hint, StringComparison.Ordinal);
        Assert.Contains("kubectl create secret generic grafana-admin", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_one_replica_is_an_error_at_the_replicas_field_as_sqlite_cannot_be_shared()
    {
        var spec = Spec(Admin + ", replicas: 2");
        var error = Specs.Compile(spec).Single("TELC221");

        Assert.Equal(Position(spec, "replicas: 2"), error.Start.ToString());
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Contains("SQLite", error.Message, StringComparison.Ordinal);
        Assert.Equal("use 1 (or leave replicas out)", error.Hint);
    }

    [Fact]
    public void A_datasource_not_deployed_to_the_grafanas_cluster_is_an_error_at_its_entry()
    {
        var spec = Specs.Cluster("prod-1", "prod") + Specs.Cluster("dev-1", "dev") + Specs.Backend("metrics", "prometheus")
            + Specs.Header + "kind: Backend\nmetadata: { name: logs }\nspec: { clusters: [prod-1], loki: {} }\n---\n"
            + Specs.Header + $"kind: Backend\nmetadata: {{ name: ui }}\nspec:\n  grafana: {{ {Admin}, datasources: [metrics, logs] }}\n";
        var error = Specs.Compile(spec).Single("TELC500");

        Assert.Equal(Position(spec, "logs] }"), error.Start.ToString());
        Assert.Contains("'dev-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'logs'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_datasources_listed_are_provisioned()
    {
        var compilation = Compile(Admin + ", datasources: [metrics, spans]");

        Assert.Equal(["metrics", "spans"], Datasources(compilation).Keys.Order(StringComparer.Ordinal));
        Assert.Equal("true", Text(Datasources(compilation)["metrics"], "isDefault"));
    }

    [Fact]
    public void Diff_names_datasources_a_grafana_gains_and_loses()
    {
        var changes = new Telc.Diff.ChangeList("prod-1");
        Telc.Diff.GrafanaChanges.Compare(Compile(Admin + ", datasources: [metrics, spans]").Clusters.Single(), Compile(Admin + ", datasources: [metrics, logs]").Clusters.Single(), changes);

        Assert.Equal(
            [("logs (Grafana ui)", Telc.Diff.ChangeKind.Added, Telc.Diff.Risk.Low), ("spans (Grafana ui)", Telc.Diff.ChangeKind.Removed, Telc.Diff.Risk.Medium)],
            changes.Changes.Select(c => (c.Subject, c.Kind, c.Risk)));
        Assert.All(changes.Changes, c => Assert.Equal(Telc.Diff.ChangeArea.Datasource, c.Area));
    }

    [Fact]
    public void The_schema_check_refuses_what_grafana_would_not_read_and_dollars_it_would_expand()
    {
        var file = Map(("apiVersion", 1), ("datasources", Seq(
            Map(("name", "a"), ("type", "prometheus"), ("uid", "a"), ("isDefault", true), ("jsonData", Map(("httpMethod", "PUT"), ("exemplarTraceIdDestination", Seq())))),
            Map(("name", "a"), ("type", "loki"), ("uid", "not a uid"), ("isDefault", true), ("url", "http://loki:3100/$path"),
                ("jsonData", Map(("derivedFields", Seq(Map(("matcherType", "label"), ("matcherRegex", "trace_id"), ("datsourceUid", "x"))))))),
            Map(("name", "b"), ("type", "influxdb"), ("uid", "b"), ("secureJsonData", Map(("token", "$TELC_DATASOURCE_B_TOKEN"), ("password", "${OTHER}")))))));

        var problems = GrafanaProvisioningChecker.CheckDatasources(file, new HashSet<string> { "TELC_DATASOURCE_B_TOKEN" }).Select(p => p.ToString()).ToArray();

        Assert.Contains(problems, p => p.StartsWith("datasources.yaml.datasources[0].jsonData.httpMethod: 'PUT' is not one of", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("datasources.yaml.datasources[0].jsonData.exemplarTraceIdDestination: unknown setting", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("datasources.yaml.datasources[1].jsonData.derivedFields[0].datsourceUid: unknown setting", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("datasources.yaml.datasources[1].uid: 'not a uid'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("name: 'a' is given 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("more than one datasource is the default", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("datasources.yaml.datasources[1].url: Grafana would expand '$path'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("datasources.yaml.datasources[2].secureJsonData.password: Grafana would expand '${OTHER}'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("secureJsonData.token", StringComparison.Ordinal));
        Assert.Equal(8, problems.Length);

        var providers = GrafanaProvisioningChecker.CheckDashboards(Map(("apiVersion", 1), ("providers", Seq(Map(("name", "x"), ("type", "git"), ("allowUIUpdates", true))))));
        Assert.Equal(["telc.yaml.providers[0].allowUIUpdates", "telc.yaml.providers[0].type"], providers.Select(p => p.Path));
    }

    [Fact]
    public void Every_rendered_provisioning_file_passes_the_schema()
    {
        var compilation = Compile();

        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code == "TELC503");
        Assert.Empty(GrafanaProvisioningChecker.CheckDashboards(DashboardProvidersFile.Build(Folders("a"))));
    }

    public static TheoryData<string> WithGrafana() => RenderCases.Rendering(GrafanaDatasourcesFile.FileName);

    /// <summary>The committed trees, read back: what render wrote passes the schema and refers only to variables its container defines.</summary>
    [Theory]
    [MemberData(nameof(WithGrafana))]
    public void Every_committed_provisioning_file_passes_the_schema(string example)
    {
        var folders = Directory.EnumerateFiles(RepoPaths.Combine(example, "rendered"), $"configmap-*-datasources.yaml", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).Distinct().ToArray();
        Assert.NotEmpty(folders);
        foreach (var folder in folders)
        {
            var variables = System.Text.RegularExpressions.Regex.Matches(System.IO.File.ReadAllText(Directory.GetFiles(folder!, "statefulset-*.yaml").Single()), @"name: (TELC_DATASOURCE_\w+)")
                .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            Assert.Empty(GrafanaProvisioningChecker.CheckDatasources(Provisioning(folder!, "datasources", GrafanaDatasourcesFile.FileName), variables));
            Assert.Empty(GrafanaProvisioningChecker.CheckDashboards(Provisioning(folder!, "dashboard-providers", DashboardProvidersFile.FileName)));
        }
    }

    private static OutMap Provisioning(string folder, string configMap, string key)
    {
        var map = (YamlMapping)Specs.Parse(System.IO.File.ReadAllText(Directory.GetFiles(folder, $"configmap-*-{configMap}.yaml").Single())).Documents.Single().Root;
        var text = ((YamlScalar)((YamlMapping)map.Find("data")!.Value).Find(key)!.Value).Value;
        return (OutMap)Out(Specs.Parse(text).Documents.Single().Root);
    }

    private static OutNode Out(YamlNode node) => node switch
    {
        YamlMapping map => new OutMap([.. map.Entries.Select(e => KeyValuePair.Create(e.Key.Value, Out(e.Value)))]),
        YamlSequence seq => new OutSeq([.. seq.Items.Select(Out)]),
        YamlScalar { Type: ScalarType.Bool } scalar => new OutScalar(scalar.Value, OutScalarKind.Bool),
        YamlScalar { Type: ScalarType.Int or ScalarType.Float } scalar => new OutScalar(scalar.Value, OutScalarKind.Number),
        YamlScalar { Type: ScalarType.Null } scalar => new OutScalar(scalar.Value, OutScalarKind.Null),
        YamlScalar scalar => OutScalar.String(scalar.Value),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static ImmutableArray<DashboardFolder> Folders(params string[] names) =>
    [
        .. names.Select(name => new DashboardFolder($"Team {name}", GrafanaUid.Folder($"Team {name}"), $"team-{name}",
            [
                new ConfigMap(new ObjectMeta($"grafana-ui-dashboards-{name}-1", "telemetry"), ObjectFactory.Map(($"{name}-overview.json", "{\"title\": \"Overview\"}"))),
                new ConfigMap(new ObjectMeta($"grafana-ui-dashboards-{name}-2", "telemetry"), ObjectFactory.Map(($"{name}-details.json", "{\"title\": \"Details\"}"))),
            ])),
    ];

    private static Component EmitWith(Compilation compilation, ImmutableArray<DashboardFolder> folders)
    {
        var cluster = compilation.Clusters.Single();
        var diagnostics = new List<Diagnostic>();
        var component = GrafanaEmitter.Emit(cluster, cluster.Grafanas.Single(), folders, new EmitContext(new ObjectFactory(cluster), new RenderCache(), diagnostics));
        Assert.Empty(diagnostics);
        return component;
    }

    [Fact]
    public void Each_dashboard_folder_is_a_provider_reading_one_projected_volume_of_its_config_maps()
    {
        var folders = Folders("shop", "platform");
        var component = EmitWith(Compile(), folders);
        var pod = component.Objects.OfType<StatefulSet>().Single().Spec.Template.Spec;
        var providers = component.Objects.OfType<ConfigMap>().Single(c => c.Metadata.Name == "grafana-ui-dashboard-providers").Data[DashboardProvidersFile.FileName];
        var file = (YamlMapping)Specs.Parse(providers).Documents.Single().Root;

        Assert.Equal(
            [
                ("team-shop", "Team shop", GrafanaUid.Folder("Team shop"), "file", "true", "false", "30", "/var/lib/grafana/dashboards/team-shop"),
                ("team-platform", "Team platform", GrafanaUid.Folder("Team platform"), "file", "true", "false", "30", "/var/lib/grafana/dashboards/team-platform"),
            ],
            ((YamlSequence)file.Find("providers")!.Value).Items.Select(p => (Text(p, "name"), Text(p, "folder"), Text(p, "folderUid"), Text(p, "type"),
                Text(p, "disableDeletion"), Text(p, "allowUiUpdates"), Text(p, "updateIntervalSeconds"), Text(p, "options.path"))));
        foreach (var folder in folders)
        {
            var mount = pod.Containers.Single().VolumeMounts.Single(m => m.MountPath == DashboardProvidersFile.PathOf(folder));
            var volume = pod.Volumes.Single(v => v.Name == mount.Name);
            Assert.True(mount.ReadOnly);
            Assert.Equal(folder.ConfigMaps.Select(m => m.Metadata.Name), volume.Projected!.Sources.Select(s => s.ConfigMap.Name));
            Assert.All(folder.ConfigMaps, m => Assert.Contains(m, component.Objects));
        }
    }

    [Fact]
    public void A_changed_dashboard_does_not_roll_the_pod_a_changed_provisioning_file_does()
    {
        string Checksum(Component component) => component.Objects.OfType<StatefulSet>().Single().Spec.Template.Metadata.Annotations!["checksum/config"];
        var compilation = Compile();
        var folders = Folders("shop");
        var edited = folders.Select(f => f with { ConfigMaps = f.ConfigMaps.Select(Edited).ToImmutableArray() }).ToImmutableArray();

        Assert.Equal(Checksum(EmitWith(compilation, folders)), Checksum(EmitWith(compilation, edited)));
        Assert.NotEqual(Checksum(EmitWith(compilation, folders)), Checksum(EmitWith(compilation, Folders("shop", "platform"))));
        Assert.NotEqual(Checksum(EmitWith(compilation, folders)), Checksum(EmitWith(Compile(except: "zipkin"), folders)));
    }

    private static ConfigMap Edited(ConfigMap map) => map with { Data = map.Data.SetItem(map.Data.Keys.First(), "{\"title\": \"Changed\"}") };

    [SkippableFact]
    public void The_rendered_grafana_with_two_dashboard_folders_builds_with_kubectl_kustomize()
    {
        ExternalTools.Require("kubectl");
        using var folder = new TempFolder();
        var cache = new RenderCache();
        var component = EmitWith(Compile(), Folders("shop", "platform"));
        var files = component.Objects.Select(o => folder.Write($"{o.Kind.ToLowerInvariant()}-{o.Metadata.Name}.yaml", cache.Yaml(o))).ToArray();
        folder.Write("kustomization.yaml", cache.Yaml(new Kustomization([.. files.Select(Path.GetFileName).Order(StringComparer.Ordinal)!])));

        var (exitCode, built) = ExternalTools.Run("kubectl", "kustomize", folder.Path);

        Assert.True(exitCode == 0, built);
        Assert.Contains("kind: StatefulSet\n", built, StringComparison.Ordinal);
        Assert.Contains("name: grafana-ui-dashboards-platform-2\n", built, StringComparison.Ordinal);
        Assert.Contains("mountPath: /var/lib/grafana/dashboards/team-shop\n", built, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dashboard_the_Grafana_shows_is_rendered_into_its_folder_with_the_provisioned_datasource()
    {
        var compilation = Specs.Compile(Spec() + "---\n" + Specs.Header + "kind: Dashboard\nmetadata: { name: overview }\nspec: { grafana: ui, title: Overview, panels: [{ title: Up, query: up }] }\n");

        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code == "TELC501" && d.Message.StartsWith("Dashboard/overview", StringComparison.Ordinal));
        var dashboard = Assert.Single(compilation.Clusters.SelectMany(c => c.Dashboards));
        Assert.Equal(("Platform", "overview"), (dashboard.Folder, dashboard.Uid));
        Assert.Contains("\"type\": \"prometheus\",\n        \"uid\": \"telc-", dashboard.Json, StringComparison.Ordinal);
    }
}
