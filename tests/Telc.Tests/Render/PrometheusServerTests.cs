using System.Text.Json;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>
/// End to end: the real prometheus binary loads a rendered config and its rule files on 127.0.0.1 and evaluates
/// every rule group. Kubernetes discovery is swapped for a static target (the server runs outside a cluster) and
/// evaluation runs every second; the server is always stopped, and every wait is bounded.
/// </summary>
public sealed class PrometheusServerTests
{
    [SkippableFact]
    public async Task Prometheus_loads_the_rendered_config_and_evaluates_every_rule_group()
    {
        ExternalTools.Require("prometheus");
        using var folder = new TempFolder();
        var tree = RenderedTree.Render("examples/quickstart", Path.Combine(folder.Path, "out"));
        var (_, data) = tree.ConfigMaps("-config").First(c => c.Data.ContainsKey("prometheus.yml"));
        var layout = Path.Combine(folder.Path, "prometheus");
        Directory.CreateDirectory(Path.Combine(layout, "rules"));
        var rules = tree.ConfigMaps("-rules").SelectMany(r => r.Data).ToArray();
        foreach (var (name, text) in rules)
        {
            File.WriteAllText(Path.Combine(layout, "rules", name), text);
        }

        var config = RealToolsTests.MountedAt(layout, RealToolsTests.WithoutKubernetesDiscovery(data["prometheus.yml"]))
            .Replace("evaluation_interval: \"30s\"", "evaluation_interval: \"1s\"");
        File.WriteAllText(Path.Combine(layout, "prometheus.yml"), config);
        using var server = LocalServer.Start("prometheus", port =>
        [
            $"--config.file={Path.Combine(layout, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(folder.Path, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        ]);

        // Until every rule of every group has been evaluated once.
        JsonElement groups = default;
        var evaluated = await server.WaitUntil(async http =>
        {
            using var body = JsonDocument.Parse(await http.GetStringAsync("/api/v1/rules"));
            groups = body.RootElement.GetProperty("data").GetProperty("groups").Clone();
            var rules = groups.EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToArray();
            return rules.Length > 0 && rules.All(r => r.GetProperty("health").GetString() == "ok");
        });

        Assert.False(server.HasExited, "prometheus exited: " + await server.ExitLog());
        Assert.True(evaluated, "not every rule was evaluated healthy in time: " + groups);
        // The spec's group, telc's own, and the groups of the kubernetes and node presets the quickstart switches on,
        // without the control-plane ones: the cluster runs on GKE.
        var names = groups.EnumerateArray().Select(g => g.GetProperty("name").GetString()!).ToArray();
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "payments-api", "telc-otel-collectors", "kubernetes-workloads", "kubernetes-nodes", "node-filesystem", "node-resources" });
        Assert.DoesNotContain(names, n => n is "kubernetes-apiserver" or "kubernetes-control-plane");
    }
}
