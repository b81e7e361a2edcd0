using Telc.Diff;
using Telc.Model;
using Telc.Sources;
using Telc.Tests.Support;

namespace Telc.Tests.Presets;

/// <summary>Switching presets on: versions and pins, options, per-alert overrides, platform profiles, and the mistakes users make with them.</summary>
public sealed class PresetUseTests
{
    private static readonly string Stack = Specs.Backend("metrics", "prometheus")
        + Specs.Header + "kind: MetricPipeline\nmetadata: { name: platform }\nspec:\n  input: { prometheus: {}, runtime: {}, node: {}, kubeState: {} }\n  output: { backend: metrics }\n---\n";

    private static string Cluster(string name, string presets, string platform = "generic") =>
        Specs.Header + $"kind: Cluster\nmetadata: {{ name: {name} }}\nspec:\n  environment: prod\n  platform: {platform}\n  presets:\n{presets}---\n";

    private static IEnumerable<RulePlan> Rules(Compilation compilation, string cluster) =>
        compilation.Clusters.Single(c => c.Name == cluster).Metrics.Prometheuses.SelectMany(p => p.RuleGroups).SelectMany(g => g.Rules);

    private static RulePlan Alert(Compilation compilation, string cluster, string alert) =>
        Assert.Single(Rules(compilation, cluster), r => r.Rule.Alert?.Value == alert);

    private static IEnumerable<string> Jobs(Compilation compilation, string cluster) =>
        compilation.Clusters.Single(c => c.Name == cluster).Metrics.Prometheuses.SelectMany(p => p.Jobs).Select(j => j.Name);

    [Fact]
    public void An_override_changes_one_alert_and_leaves_the_rest_as_the_preset_has_them()
    {
        var compilation = Specs.CompileWithoutErrors(Stack + Cluster("prod-1", """
                - name: etcd
                  version: "1"
                  alerts:
                    EtcdHighFsyncDurations: { threshold: 0.25, for: 5m, severity: critical, labels: { tier: control-plane }, annotations: { summary: "slow disk", dashboard: "https://g.example/d/etcd" } }
                    EtcdPeerRoundTripSlow: { enabled: false }
                    EtcdNoLeader: { expr: "max by (instance) (etcd_server_has_leader) == 0" }

            """));

        var fsync = Alert(compilation, "prod-1", "EtcdHighFsyncDurations");
        Assert.EndsWith("> 0.25", fsync.Rule.Expr.Value.TrimEnd());
        Assert.Equal("5m", fsync.Rule.For!.Text);
        Assert.Equal("critical", fsync.Labels["severity"]);
        Assert.Equal("control-plane", fsync.Labels["tier"]);
        Assert.Equal("slow disk", fsync.Rule.Summary);
        Assert.Equal("https://g.example/d/etcd", fsync.Rule.Annotations["dashboard"]);
        Assert.DoesNotContain(Rules(compilation, "prod-1"), r => r.Rule.Alert?.Value == "EtcdPeerRoundTripSlow");
        Assert.Equal("max by (instance) (etcd_server_has_leader) == 0", Alert(compilation, "prod-1", "EtcdNoLeader").Rule.Expr.Value);
        Assert.EndsWith("> 1", Alert(compilation, "prod-1", "EtcdCriticalFsyncDurations").Rule.Expr.Value.TrimEnd());
        Assert.Contains("etcd/etcd", Jobs(compilation, "prod-1"));
    }

    [Fact]
    public void Clusters_that_switch_a_preset_on_differently_each_get_their_own_rules()
    {
        var compilation = Specs.CompileWithoutErrors(Stack
            + Cluster("dev-1", "    - name: etcd\n      version: \"1\"\n      alerts: { EtcdHighFsyncDurations: { threshold: 2 } }\n")
            + Cluster("prod-1", "    - etcd@1\n") + Cluster("prod-2", "    - etcd@1\n") + Cluster("bare", "    []\n"));

        Assert.EndsWith("> 2", Alert(compilation, "dev-1", "EtcdHighFsyncDurations").Rule.Expr.Value.TrimEnd());
        Assert.EndsWith("> 0.5", Alert(compilation, "prod-1", "EtcdHighFsyncDurations").Rule.Expr.Value.TrimEnd());
        Assert.EndsWith("> 0.5", Alert(compilation, "prod-2", "EtcdHighFsyncDurations").Rule.Expr.Value.TrimEnd());
        Assert.Empty(Rules(compilation, "bare"));
        var rendered = Telc.Emit.Renderer.Render(compilation);
        string RulesFile(string cluster) => rendered.Files.Single(f => f.Path == $"clusters/{cluster}/prometheus-metrics/configmap-prometheus-metrics-rules.yaml").Content;
        Assert.Contains("> 2", RulesFile("dev-1"));
        Assert.DoesNotContain("> 2", RulesFile("prod-1"));
    }

    [Fact]
    public void Managed_control_planes_leave_control_plane_parts_off_unless_the_use_says_otherwise()
    {
        var compilation = Specs.CompileWithoutErrors(Stack
            + Cluster("gke-1", "    - kubernetes@1\n", "gke")
            + Cluster("gke-2", "    - { name: kubernetes, version: \"1\", controlPlane: true }\n", "gke")
            + Cluster("metal-1", "    - kubernetes@1\n", "openstack")
            + Cluster("metal-2", "    - { name: kubernetes, version: \"1\", controlPlane: false }\n", "openstack"));

        bool WatchesApiServer(string cluster) => Rules(compilation, cluster).Any(r => r.Rule.Alert?.Value == "KubeAPIServerDown") && Jobs(compilation, cluster).Contains("kubernetes/apiserver");
        Assert.False(WatchesApiServer("gke-1"));
        Assert.True(WatchesApiServer("gke-2"));
        Assert.True(WatchesApiServer("metal-1"));
        Assert.False(WatchesApiServer("metal-2"));
        Assert.All(new[] { "gke-1", "gke-2", "metal-1", "metal-2" }, c => Assert.Contains(Rules(compilation, c), r => r.Rule.Alert?.Value == "KubePodCrashLooping"));
    }

    [Fact]
    public void Options_reach_the_scrape_jobs_and_the_rules()
    {
        var compilation = Specs.CompileWithoutErrors(Stack + Cluster("prod-1",
            "    - name: etcd\n      version: \"1\"\n      params: { members: \"10.0.0.1:2379, 10.0.0.2:2379\", job: platform/etcd }\n"));

        var job = Assert.Single(compilation.Clusters[0].Metrics.Prometheuses[0].Jobs, j => j.Name == "etcd/etcd");
        Assert.Equal(["10.0.0.1:2379", "10.0.0.2:2379"], job.Selector!.Targets.Select(t => t.Value));
        Assert.Contains("job=~\"platform/etcd\"", Alert(compilation, "prod-1", "EtcdNoLeader").Rule.Expr.Value);
    }

    [Fact]
    public void The_Project_pins_versions_and_switches_presets_on_for_every_cluster()
    {
        var project = Specs.Header + "kind: Project\nmetadata: { name: p }\nspec:\n  presets:\n    - name: node\n      version: \"1.0\"\n      alerts: { NodeCPUHigh: { enabled: false } }\n---\n";
        var compilation = Specs.CompileWithoutErrors(project + Stack + Cluster("a", "    []\n")
            + Cluster("b", "    - name: node\n      version: \"1.x\"\n      alerts: { NodeExporterDown: { severity: info } }\n"));

        Assert.All(new[] { "a", "b" }, c => Assert.DoesNotContain(Rules(compilation, c), r => r.Rule.Alert?.Value == "NodeCPUHigh"));
        Assert.Equal("info", Alert(compilation, "b", "NodeExporterDown").Labels["severity"]);
        Assert.NotEqual("info", Alert(compilation, "a", "NodeExporterDown").Labels["severity"]);
    }

    [Fact]
    public void Mistakes_in_a_use_point_at_its_line_with_a_hint()
    {
        var text = Stack + Cluster("prod-1", """
                - name: etcd
                  version: "1"
                  params: { member: "10.0.0.1:2379" }
                  alerts:
                    EtcdNoLeadr: { enabled: false }
                    EtcdInsufficientMembers: { threshold: 2 }

            """);
        var compilation = Specs.Compile(text);
        var typoLine = Array.FindIndex(text.Split('\n'), l => l.Contains("EtcdNoLeadr", StringComparison.Ordinal)) + 1;
        var names = Specs.Compile(Stack + Cluster("prod-1", "    - etcd@3\n    - kubernetess@1\n    - node@1\n    - node@1.0\n"));

        var problems = compilation.Diagnostics.Where(d => d.Level != Telc.Diagnostics.DiagnosticLevel.Info).ToArray();
        Assert.Contains(problems, d => d.Code == "TELC201" && d.Message == "preset 'etcd' has no option 'member'" && d.Hint == "did you mean 'members'?");
        Assert.Contains(problems, d => d.Code == "TELC201" && d.Message == "preset 'etcd' 1.0.0 has no alert 'EtcdNoLeadr'" && d.Hint == "did you mean 'EtcdNoLeader'?" && d.Start.Line == typoLine);
        Assert.Contains(problems, d => d.Code == "TELC232" && d.Message.StartsWith("alert 'EtcdInsufficientMembers' compares with no number", StringComparison.Ordinal));
        Assert.Contains(names.Diagnostics, d => d.Code == "TELC137" && d.Message.StartsWith("'node' appears twice in 'spec.presets'", StringComparison.Ordinal));
        Assert.Contains(names.Diagnostics, d => d.Code == "TELC201" && d.Message == "preset 'etcd' has no version matching 3" && d.Hint == "available: 1.0.0");
        Assert.Contains(names.Diagnostics, d => d.Code == "TELC201" && d.Message == "preset 'kubernetess' is not in the preset catalog" && d.Hint == "did you mean 'kubernetes'?");
    }

    [Fact]
    public void A_preset_warns_where_it_does_not_fit_and_refuses_a_cluster_without_a_Prometheus()
    {
        var withoutInputs = Specs.Backend("metrics", "prometheus") + Cluster("gke-1", "    - etcd@1\n    - node@1\n", "gke");
        var noPrometheus = Cluster("bare", "    - prometheus@1\n");

        var warned = Specs.CompileWithoutErrors(withoutInputs).Problems().ToArray();
        Assert.Contains(warned, d => d.Code == "TELC231" && d.Message == "preset 'etcd' is made for kind, openstack, generic, not for gke (cluster 'gke-1')");
        Assert.Contains(warned, d => d.Code == "TELC231" && d.Message == "preset 'node' reads metrics of the node input, which no MetricPipeline of cluster 'gke-1' collects");
        var refused = Assert.Single(Specs.Compile(noPrometheus).Diagnostics, d => d.Code == "TELC232");
        Assert.Equal("preset 'prometheus' needs a Prometheus to scrape and evaluate its rules, and cluster 'bare' has none", refused.Message);
    }

    [Fact]
    public void A_preset_group_named_like_one_of_the_spec_is_a_clash()
    {
        var compilation = Specs.Compile(Stack + Cluster("prod-1", "    - etcd@1\n")
            + Specs.Header + "kind: AlertGroup\nmetadata: { name: etcd }\nspec:\n  rules:\n    - { alert: Mine, expr: up == 0 }\n");

        var clash = Assert.Single(compilation.Diagnostics, d => d.Code == "TELC200");
        Assert.Equal("preset 'etcd' adds AlertGroup 'etcd', and the spec has one of that name in the same cluster", clash.Message);
    }

    [Fact]
    public void A_project_catalog_adds_presets_in_the_same_format_and_its_mistakes_point_into_it()
    {
        const string Manifest = "apiVersion: telc.io/v1alpha1\nkind: Preset\nmetadata: { name: shop, description: The shop. }\nspec:\n  version: {0}\n  options: [{ name: limit, description: Errors per second., default: \"5\" }]\n  scrape: [{ name: shop, matchLabels: { app: shop }, port: metrics }]\n";
        const string Rules = "apiVersion: telc.io/v1alpha1\nkind: AlertGroup\nmetadata: { name: shop }\nspec:\n  rules:\n    - { alert: ShopErrors, expr: 'sum(rate(shop_errors_total[5m])) > ${limit}', severity: warning, summary: Errors, description: Errors. }\n";
        var spec = Specs.Header + "kind: Project\nmetadata: { name: p }\nspec: { presets: [shop@1] }\n---\n" + Stack + Cluster("a", "    - { name: shop, version: \"2\", params: { limit: \"9\" } }\n");
        var pinned = Specs.Compile(("spec.yaml", spec),
            ("presets/shop/1.0.0/preset.yaml", Manifest.Replace("{0}", "1.0.0", StringComparison.Ordinal)), ("presets/shop/1.0.0/rules.yaml", Rules),
            ("presets/shop/2.0.0/preset.yaml", Manifest.Replace("{0}", "2.0.0", StringComparison.Ordinal)), ("presets/shop/2.0.0/rules.yaml", Rules));
        Assert.Contains(pinned.Diagnostics, d => d.Code == "TELC201" && d.Message == "no version of preset 'shop' is in both 2 (this cluster) and 1 (the Project's pin)");

        var used = Specs.CompileWithoutErrors(spec.Replace("version: \"2\"", "version: \"1.0\"", StringComparison.Ordinal),
            ("presets/shop/1.0.0/preset.yaml", Manifest.Replace("{0}", "1.0.0", StringComparison.Ordinal)), ("presets/shop/1.0.0/rules.yaml", Rules));
        Assert.Equal("sum(rate(shop_errors_total[5m])) > 9", Alert(used, "a", "ShopErrors").Rule.Expr.Value);
        Assert.Contains("shop/shop", Jobs(used, "a"));

        var broken = Specs.Compile(("spec.yaml", Stack + Cluster("a", "    - shop@1\n")),
            ("presets/shop/preset.yaml", Manifest.Replace("{0}", "1.0.0", StringComparison.Ordinal).Replace("name: shop,", "name: shops,", StringComparison.Ordinal)),
            ("presets/shop/rules.yaml", Rules.Replace("${limit}", "${limt}", StringComparison.Ordinal).Replace("spec:\n", "spec:\n  backend: metrics\n", StringComparison.Ordinal)),
            ("presets/notes.yaml", "a: 1\n"),
            ("misplaced.yaml", Manifest.Replace("{0}", "1.0.0", StringComparison.Ordinal)));
        var found = broken.Diagnostics.Where(d => d.Code == "TELC230").Select(d => $"{d.Path}: {d.Message}").ToArray();
        Assert.Contains("presets/shop/rules.yaml: '${limt}' names no option of this preset", found);
        Assert.Contains("presets/notes.yaml: a file directly under presets/ is not in a preset folder", found);
        Assert.Contains("misplaced.yaml: Preset 'shop' is a spec document, but a Preset belongs in a catalog", found);
    }

    [Fact]
    public void A_preset_manifest_that_does_not_match_its_folder_is_refused()
    {
        const string Manifest = "apiVersion: telc.io/v1alpha1\nkind: Preset\nmetadata: { name: shops }\nspec:\n  version: 1.0.0\n  platforms: [gcp]\n  controlPlane: [api]\n";
        const string Rules = "apiVersion: telc.io/v1alpha1\nkind: AlertGroup\nmetadata: { name: shop }\nspec:\n  backend: metrics\n  rules: [{ alert: A, expr: up == 0 }]\n";
        const string Board = "apiVersion: telc.io/v1alpha1\nkind: Dashboard\nmetadata: { name: shop }\nspec: { grafana: dashboards, panels: [{ title: Up, query: up }] }\n";
        var found = Specs.Compile(("spec.yaml", Stack + Cluster("a", "    []\n")), ("presets/shop/preset.yaml", Manifest), ("presets/shop/rules.yaml", Rules), ("presets/shop/board.yaml", Board))
            .Diagnostics.Where(d => d.Code == "TELC230").Select(d => d.Message).ToArray();

        Assert.Contains("the preset in folder 'presets/shop' is named 'shops'", found);
        Assert.Contains("'gcp' is not a platform", found);
        Assert.Contains("controlPlane names 'api', which is no scrape job, AlertGroup or Dashboard of this preset", found);
        Assert.Contains("AlertGroup 'shop' of a preset names a backend", found);
        Assert.Contains("Dashboard 'shop' of a preset is built from panels and names no Grafana or data source", found);
    }

    [Fact]
    public void An_override_shows_in_the_diff_as_the_alert_it_changes()
    {
        var changes = DiffOf(Stack + Cluster("prod-1", "    - etcd@1\n"),
            Stack + Cluster("prod-1", "    - name: etcd\n      version: \"1\"\n      alerts: { EtcdHighFsyncDurations: { threshold: 0.25 }, EtcdPeerRoundTripSlow: { enabled: false } }\n"));

        Assert.Contains(changes, c => c.Contains("EtcdHighFsyncDurations", StringComparison.Ordinal) && c.Contains("0.5 → 0.25", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Contains("EtcdPeerRoundTripSlow", StringComparison.Ordinal) && c.Contains("Removed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_preset_version_shows_in_the_diff_as_the_alerts_it_adds_removes_and_changes()
    {
        (string, string)[] catalog =
        [
            ("presets/shop/1.0.0/preset.yaml", "apiVersion: telc.io/v1alpha1\nkind: Preset\nmetadata: { name: shop }\nspec: { version: 1.0.0 }\n"),
            ("presets/shop/1.0.0/rules.yaml", "apiVersion: telc.io/v1alpha1\nkind: AlertGroup\nmetadata: { name: shop }\nspec:\n  rules:\n    - { alert: ShopDown, expr: 'up{job=\"shop\"} == 0', for: 5m, severity: critical, summary: Down, description: Down. }\n    - { alert: ShopSlow, expr: 'shop_latency_seconds > 1', severity: warning, summary: Slow, description: Slow. }\n"),
            ("presets/shop/2.0.0/preset.yaml", "apiVersion: telc.io/v1alpha1\nkind: Preset\nmetadata: { name: shop }\nspec: { version: 2.0.0 }\n"),
            ("presets/shop/2.0.0/rules.yaml", "apiVersion: telc.io/v1alpha1\nkind: AlertGroup\nmetadata: { name: shop }\nspec:\n  rules:\n    - { alert: ShopDown, expr: 'up{job=\"shop\"} == 0', for: 2m, severity: critical, summary: Down, description: Down. }\n    - { alert: ShopErrors, expr: 'rate(shop_errors_total[5m]) > 1', severity: warning, summary: Errors, description: Errors. }\n"),
        ];
        var changes = DiffOf(Stack + Cluster("prod-1", "    - shop@1\n"), Stack + Cluster("prod-1", "    - shop@2\n"), catalog);

        Assert.Contains(changes, c => c.Contains("ShopErrors", StringComparison.Ordinal) && c.Contains("Added", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Contains("ShopSlow", StringComparison.Ordinal) && c.Contains("Removed", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Contains("ShopDown", StringComparison.Ordinal) && c.Contains("for 5m → 2m", StringComparison.Ordinal));
    }

    [Fact]
    public void A_presets_dashboards_are_shown_where_it_is_switched_on_unless_an_override_drops_one()
    {
        var grafana = Specs.Backend("dashboards", "grafana", "{ adminPasswordSecretRef: { name: grafana-admin, key: password } }");
        var compilation = Specs.CompileWithoutErrors(Stack + grafana + Cluster("a", "    - node@1\n") + Cluster("b", "    - kubernetes@1\n")
            + Cluster("c", "    - { name: kubernetes, version: \"1\", dashboards: { kubernetes-workloads: { enabled: false } } }\n"));

        string[] Shown(string cluster) => [.. compilation.Clusters.Single(c => c.Name == cluster).Dashboards.Select(d => d.Dashboard.Name)];
        Assert.Equal(["node-overview"], Shown("a"));
        Assert.Equal(["kubernetes-workloads"], Shown("b"));
        Assert.Empty(Shown("c"));
        Assert.Contains("\"uid\": \"telc-metrics\"", compilation.Clusters.Single(c => c.Name == "a").Dashboards[0].Json);

        // A Grafana that does not read the Prometheus the preset's metrics go to (the first by name) does not show them.
        var elsewhere = Specs.CompileWithoutErrors(Stack + Specs.Backend("archive", "prometheus")
            + Specs.Backend("dashboards", "grafana", "{ adminPasswordSecretRef: { name: grafana-admin, key: password }, datasources: [metrics] }") + Cluster("a", "    - node@1\n"));
        Assert.Empty(elsewhere.Clusters.Single().Dashboards);

        var typo = Assert.Single(Specs.Compile(Stack + Cluster("a", "    - { name: node, version: \"1\", dashboards: { node-overviews: { enabled: false } } }\n")).Diagnostics, d => d.Code == "TELC201");
        Assert.Equal("preset 'node' 1.0.0 has no dashboard 'node-overviews'", typo.Message);
        Assert.Equal("did you mean 'node-overview'?", typo.Hint);
    }

    [Fact]
    public void A_version_two_folders_or_the_built_in_catalog_already_have_is_refused()
    {
        static string Manifest(string name) => $"apiVersion: telc.io/v1alpha1\nkind: Preset\nmetadata: {{ name: {name} }}\nspec: {{ version: 1.0.0 }}\n";
        var found = Specs.Compile(("spec.yaml", Stack + Cluster("a", "    []\n")),
                ("presets/shop/preset.yaml", Manifest("shop")), ("presets/shop/1.0.0/preset.yaml", Manifest("shop")), ("presets/etcd/preset.yaml", Manifest("etcd")))
            .Diagnostics.Where(d => d.Code == "TELC230").Select(d => $"{d.Path}: {d.Message}").ToArray();

        Assert.Contains("presets/shop/1.0.0/preset.yaml: preset 'shop' 1.0.0 is in the catalog already (presets/shop/preset.yaml)", found);
        Assert.Contains("presets/etcd/preset.yaml: preset 'etcd' 1.0.0 is in the built-in catalog already (builtin:presets/etcd/preset.yaml)", found);
    }

    [Fact]
    public void Options_cannot_blow_a_string_up()
    {
        var manifest = "apiVersion: telc.io/v1alpha1\nkind: Preset\nmetadata: { name: big }\nspec:\n  version: 1.0.0\n  options: [{ name: x, description: X., default: \"1\" }]\n";
        var rules = "apiVersion: telc.io/v1alpha1\nkind: AlertGroup\nmetadata: { name: big }\nspec:\n  rules: [{ alert: Big, expr: 'vector(1) > 0', summary: '" + string.Concat(Enumerable.Repeat("${x}", 1000)) + "' }]\n";
        var use = "    - { name: big, version: \"1\", params: { x: \"" + new string('a', 100_000) + "\" } }\n";

        var finding = Assert.Single(Specs.Compile(("spec.yaml", Stack + Cluster("a", use)), ("presets/big/preset.yaml", manifest), ("presets/big/rules.yaml", rules)).Diagnostics, d => d.Code == "TELC230");
        Assert.StartsWith("with the options' values this string would be 100000000 characters long", finding.Message);
    }

    /// <summary>The telemetry changes telc diff reports for cluster prod-1 between two specs with the same other files.</summary>
    private static string[] DiffOf(string before, string after, params (string Path, string Text)[] files)
    {
        using var old = new TempFolder();
        using var current = new TempFolder();
        foreach (var (path, text) in files.Append(("spec.yaml", before)))
        {
            old.Write(path, text);
        }

        foreach (var (path, text) in files.Append(("spec.yaml", after)))
        {
            current.Write(path, text);
        }

        var report = SpecDiffer.Compare(DiffSide.Build("before", new WorkingTreeSource(old.Path, old.Path)), DiffSide.Build("after", new WorkingTreeSource(current.Path, current.Path)));
        return [.. report.Clusters.Single(c => c.Name == "prod-1").Changes.Select(c => $"{c.Subject}: {c.Kind} {c.Description}")];
    }
}
