using System.Text;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>Kubernetes refuses ConfigMaps over 1 MiB: large rule sets are spread over several, one group never split.</summary>
public sealed class RuleConfigMapTests
{
    private const string Base = """
        apiVersion: telc.io/v1alpha1
        kind: Cluster
        metadata: { name: c }
        spec: { environment: dev }
        ---
        apiVersion: telc.io/v1alpha1
        kind: Backend
        metadata: { name: metrics }
        spec: { prometheus: {} }

        """;

    [Fact]
    public void Large_rule_sets_are_spread_over_configmaps_mounted_together()
    {
        using var folder = new TempFolder();
        folder.Write("spec/telemetry/base.yaml", Base);
        for (var group = 0; group < 4; group++)
        {
            folder.Write($"spec/telemetry/group-{group}.yaml", Group($"group-{group}", rules: 1_000));
        }

        var result = CliRunner.Run(folder.Path, "render", "spec", "-o", "out");

        Assert.Equal(0, result.ExitCode);
        var maps = Directory.GetFiles(Path.Combine(folder.Path, "out", "clusters", "c", "prometheus-metrics"), "configmap-prometheus-metrics-rules-*.yaml");
        Assert.True(maps.Length >= 2, string.Join(", ", maps));
        Assert.All(maps, m => Assert.True(new FileInfo(m).Length < 1024 * 1024, m));
        var statefulSet = File.ReadAllText(Path.Combine(folder.Path, "out", "clusters", "c", "prometheus-metrics", "statefulset-prometheus-metrics.yaml"));
        Assert.All(maps, m => Assert.Contains("name: " + Path.GetFileNameWithoutExtension(m)["configmap-".Length..], statefulSet));
    }

    [Fact]
    public void A_group_too_large_for_one_configmap_is_an_error_at_the_group()
    {
        using var folder = new TempFolder();
        folder.Write("spec/telemetry/base.yaml", Base);
        folder.Write("spec/telemetry/huge.yaml", Group("huge", rules: 4_000));

        var result = CliRunner.Run(folder.Path, "render", "spec", "-o", "out");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TELC502", result.Output);
        Assert.Contains("spec/telemetry/huge.yaml", result.Output);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "out")));
    }

    private static string Group(string name, int rules)
    {
        var text = new StringBuilder($"apiVersion: telc.io/v1alpha1\nkind: AlertGroup\nmetadata: {{ name: {name} }}\nspec:\n  rules:\n");
        for (var i = 0; i < rules; i++)
        {
            text.Append($"    - alert: Rule{i}\n      expr: sum(rate(http_requests_total{{job=\"{name}\",code=~\"5..\"}}[5m])) > {i}\n      for: 5m\n      severity: warning\n      summary: Rule {i} of {name} fires when the error rate is high\n");
        }

        return text.ToString();
    }
}
