using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>
/// End to end: the real prometheus binary loads a rendered config and its rule files on 127.0.0.1 and evaluates
/// every rule group. Kubernetes discovery is swapped for a static target and evaluation runs every second;
/// the server is always stopped, and every wait is bounded.
/// </summary>
public sealed class PrometheusServerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

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
        var port = FreePort();
        var info = new ProcessStartInfo("prometheus") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            $"--config.file={Path.Combine(layout, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(folder.Path, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var server = Process.Start(info)!;
        var log = server.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var watch = Stopwatch.StartNew();
            JsonElement groups = default;
            while (watch.Elapsed < Deadline && !server.HasExited)
            {
                try
                {
                    using var body = JsonDocument.Parse(await http.GetStringAsync("/api/v1/rules"));
                    groups = body.RootElement.GetProperty("data").GetProperty("groups").Clone();
                    var evaluated = groups.EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray())
                        .All(r => r.GetProperty("health").GetString() == "ok");
                    if (groups.GetArrayLength() > 0 && evaluated)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(250);
            }

            Assert.False(server.HasExited, "prometheus exited: " + (server.HasExited ? await log : string.Empty));
            var names = groups.ValueKind == JsonValueKind.Array ? groups.EnumerateArray().Select(g => g.GetProperty("name").GetString()!).ToArray() : [];
            Assert.Equal<string>(["payments-api"], names);
            Assert.All(groups.EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()),
                r => Assert.Equal("ok", r.GetProperty("health").GetString()));
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            server.WaitForExit(10_000);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
