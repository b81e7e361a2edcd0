using System.Text.RegularExpressions;
using Telc.Emit.Prometheus;
using Telc.Output;
using Telc.Presets;
using Telc.Spec.Kinds;
using Telc.Tests.Support;

namespace Telc.Tests.Presets;

/// <summary>
/// The built-in catalog: it reads without a finding, every preset switches on without a warning, its rules render
/// through the real renderer and pass promtool, and its own promtool unit tests pass against what telc renders.
/// </summary>
public sealed partial class BuiltInPresetTests
{
    /// <summary>
    /// A cluster on a self-managed platform collecting every input, with every built-in preset on, a Grafana showing their
    /// dashboards and the Watchdog routed to a heartbeat: nothing a preset reads is missing.
    /// </summary>
    private static readonly Lazy<Compilation> Everything = new(() => Specs.Compile(
        Specs.Header + "kind: Cluster\nmetadata: { name: lab }\nspec:\n  environment: dev\n  platform: generic\n  presets:\n"
        + string.Concat(PresetCatalog.BuiltIn.Presets.Keys.Select(name => $"    - {name}@1\n")) + "---\n"
        + Specs.Backend("metrics", "prometheus") + Specs.Backend("alerts", "alertmanager")
        + Specs.Backend("dashboards", "grafana", "{ adminPasswordSecretRef: { name: grafana-admin, key: password } }")
        + Specs.Header + "kind: AlertRouting\nmetadata: { name: default }\nspec:\n  receivers:\n    - { name: oncall, webhook: { urlSecretRef: { name: oncall, key: url } } }\n"
        + "    - { name: heartbeat, webhook: { urlSecretRef: { name: heartbeat, key: url } } }\n  routes: [{ matchers: ['alertname=\"Watchdog\"'], receiver: heartbeat }]\n  defaultReceiver: oncall\n---\n"
        + Specs.Header + "kind: MetricPipeline\nmetadata: { name: platform }\nspec:\n  input: { prometheus: {}, otlp: {}, runtime: {}, node: {}, kubeState: {}, istio: {} }\n  output: { backend: metrics }\n"));

    public static TheoryData<string> Presets() => [.. PresetCatalog.BuiltIn.Presets.Keys];

    [Fact]
    public void The_catalog_reads_without_a_finding_and_holds_the_first_presets()
    {
        Assert.Empty(PresetCatalog.BuiltInDiagnostics);
        string[] first = ["alertmanager", "cockroachdb", "elasticsearch", "etcd", "istio", "kafka", "knative", "kube-state-metrics", "kubernetes", "loki", "nats", "node", "prometheus"];
        Assert.Equal(first, PresetCatalog.BuiltIn.Presets.Keys);
    }

    [Fact]
    public void Every_preset_switches_on_without_a_finding()
    {
        var compilation = Everything.Value;
        Assert.Empty(compilation.Problems());
        Assert.Equal(PresetCatalog.BuiltIn.Presets.Keys, RuleFiles(compilation).Select(f => f.Preset).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(PresetCatalog.BuiltIn.Presets.Values.SelectMany(v => v[^1].Dashboards).Select(d => d.Name).Order(StringComparer.Ordinal),
            compilation.Clusters.Single().Dashboards.Select(d => d.Dashboard.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Alert_names_are_unique_across_the_catalog()
    {
        var twice = PresetCatalog.BuiltIn.Presets.Values.SelectMany(v => v).SelectMany(p => p.Alerts.Select(a => (Preset: p.Name, Alert: a.Alert!.Value)))
            .GroupBy(a => a.Alert).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(a => a.Preset))}");
        Assert.Empty(twice);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Every_alert_says_how_bad_and_what_happened(string name)
    {
        var preset = PresetCatalog.BuiltIn.Presets[name][^1];
        Assert.NotNull(preset.Description);
        Assert.All(preset.Alerts, alert =>
        {
            Assert.False(alert.Severity is null, $"{alert.Alert!.Value} has no severity");
            Assert.False(alert.Summary is null, $"{alert.Alert.Value} has no summary");
            Assert.False(alert.Description is null && alert.Runbook is null, $"{alert.Alert.Value} has neither a description nor a runbook");
        });
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void The_rendered_rules_pass_promtool_check_rules(string name)
    {
        ExternalTools.Require("promtool");
        using var folder = new TempFolder();
        var files = WriteRuleFiles(folder, name);
        var (exitCode, output) = ExternalTools.Run("promtool", ["check", "rules", "--lint=all", "--lint-fatal", .. files]);
        Assert.True(exitCode == 0, output);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void The_presets_own_unit_tests_pass_on_the_rendered_rules(string name)
    {
        ExternalTools.Require("promtool");
        var tests = Directory.GetFiles(RepoPaths.Combine("presets", name, "tests"), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(tests);
        using var folder = new TempFolder();
        var files = WriteRuleFiles(folder, name);
        var tested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var test in tests)
        {
            var text = File.ReadAllText(test);
            Assert.DoesNotMatch(RuleFilesKey(), text);
            tested.UnionWith(AlertName().Matches(text).Select(m => m.Groups[1].Value));
            var withRules = folder.Write(Path.Combine("tests", Path.GetFileName(test)), $"rule_files: [{string.Join(", ", files.Select(f => $"\"{f}\""))}]\n{text}");
            var (exitCode, output) = ExternalTools.Run("promtool", "test", "rules", withRules);
            Assert.True(exitCode == 0, $"{test}:\n{output}");
        }

        var untested = PresetCatalog.BuiltIn.Presets[name][^1].Alerts.Select(a => a.Alert!.Value).Where(a => !tested.Contains(a)).ToArray();
        Assert.True(untested.Length == 0, $"alerts no test of {name} names: {string.Join(", ", untested)}");
    }

    /// <summary>The rule files telc renders for a preset's groups, written into a folder; their paths.</summary>
    private static string[] WriteRuleFiles(TempFolder folder, string preset) =>
        [.. RuleFiles(Everything.Value).Where(f => f.Preset == preset).Select(f => folder.Write(f.Name, f.Text))];

    private static IEnumerable<(string Preset, string Name, string Text)> RuleFiles(Compilation compilation) =>
        compilation.Clusters.SelectMany(c => c.Metrics.Prometheuses).SelectMany(p => p.RuleGroups)
            .Where(g => g.Group.Origin is not null)
            .Select(g => (g.Group.Origin!.Preset, g.FileName, CanonicalYamlWriter.Write(PrometheusConfigBuilder.Rules(g))));

    [GeneratedRegex(@"(?m)^rule_files\s*:")]
    private static partial Regex RuleFilesKey();

    [GeneratedRegex(@"alertname:\s*[""']?([A-Za-z0-9_]+)")]
    private static partial Regex AlertName();
}
