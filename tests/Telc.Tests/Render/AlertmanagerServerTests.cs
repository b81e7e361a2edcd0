using System.Text.Json;
using Telc.Parsing;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>
/// End to end: the real Alertmanager, at the version telc deploys, loads every rendered alertmanager.yml on 127.0.0.1
/// with its Secrets mounted as in the pod, becomes ready and serves the rendered receivers. Clustering is off (one
/// replica); the server is always stopped, and every wait is bounded.
/// </summary>
public sealed class AlertmanagerServerTests
{
    public static TheoryData<string> WithAlertmanagerConfig() => RenderCases.Rendering("alertmanager.yml");

    [SkippableTheory]
    [MemberData(nameof(WithAlertmanagerConfig))]
    public async Task Alertmanager_loads_every_rendered_config(string example)
    {
        ExternalTools.Require("prometheus-alertmanager");
        using var folder = new TempFolder();
        var tree = RenderedTree.Render(example, Path.Combine(folder.Path, "out"));
        var configs = tree.ConfigMaps("-config").Where(c => c.Data.ContainsKey("alertmanager.yml")).ToArray();
        Assert.NotEmpty(configs);
        foreach (var (file, data) in configs)
        {
            var layout = Path.Combine(folder.Path, Path.GetFileNameWithoutExtension(file));
            var config = Path.Combine(layout, "alertmanager.yml");
            Directory.CreateDirectory(layout);
            File.WriteAllText(config, RealToolsTests.MountedAt(layout, data["alertmanager.yml"]));
            using var server = LocalServer.Start("prometheus-alertmanager", port =>
            [
                $"--config.file={config}", $"--storage.path={Path.Combine(layout, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn",
            ]);

            string? loaded = null;
            var ready = await server.WaitUntil(async http =>
            {
                using var status = JsonDocument.Parse(await http.GetStringAsync("/api/v2/status"));
                loaded = status.RootElement.GetProperty("config").GetProperty("original").GetString();
                return (await http.GetAsync("/-/ready")).IsSuccessStatusCode;
            });

            Assert.False(server.HasExited, $"{file}: alertmanager exited: {await server.ExitLog()}");
            Assert.True(ready, $"{file}: alertmanager did not become ready");
            using var receivers = JsonDocument.Parse(await server.Http.GetStringAsync("/api/v2/receivers"));
            var served = receivers.RootElement.EnumerateArray().Select(r => r.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(RenderedReceivers(data["alertmanager.yml"]), served);
            Assert.False(string.IsNullOrEmpty(loaded));
        }
    }

    /// <summary>The receiver names of a rendered alertmanager.yml.</summary>
    private static string[] RenderedReceivers(string config) =>
        Specs.Parse(config).Documents[0].Root is YamlMapping root && root.Find("receivers")?.Value is YamlSequence receivers
            ? [.. receivers.Items.OfType<YamlMapping>().Select(r => ((YamlScalar)r.Find("name")!.Value).Value).Order(StringComparer.Ordinal)]
            : [];
}
