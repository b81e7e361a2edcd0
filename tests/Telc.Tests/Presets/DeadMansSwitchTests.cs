using Telc.Tests.Support;

namespace Telc.Tests.Presets;

/// <summary>The alertmanager preset's Watchdog must reach a receiver that expects it, on a route of its own (TELC234).</summary>
public sealed class DeadMansSwitchTests
{
    private static string Spec(string routes) => Specs.Header + "kind: Cluster\nmetadata: { name: prod-1 }\nspec: { environment: prod, presets: [alertmanager@1] }\n---\n"
        + Specs.Backend("metrics", "prometheus") + Specs.Backend("alerts", "alertmanager")
        + Specs.Header + "kind: AlertRouting\nmetadata: { name: default }\nspec:\n  receivers:\n"
        + "    - { name: oncall, webhook: { urlSecretRef: { name: oncall, key: url } } }\n"
        + "    - { name: heartbeat, webhook: { urlSecretRef: { name: heartbeat, key: url } } }\n"
        + $"  routes: {routes}\n  defaultReceiver: oncall\n";

    [Fact]
    public void A_Watchdog_routed_like_any_alert_is_reported()
    {
        var finding = Assert.Single(Specs.Compile(Spec("[]")).Diagnostics, d => d.Code == "TELC234");
        Assert.StartsWith("the Watchdog alert of preset 'alertmanager' reaches receiver 'oncall' in cluster 'prod-1'", finding.Message);
        Assert.Equal(4, finding.Start.Line);
    }

    [SkippableFact]
    public void A_Watchdog_on_a_route_of_its_own_reaches_the_heartbeat_and_nothing_else_does()
    {
        ExternalTools.Require("amtool");
        var compilation = Specs.Compile(Spec("[{ matchers: ['alertname=\"Watchdog\"'], receiver: heartbeat }]"));
        Assert.DoesNotContain(compilation.Diagnostics, d => d.Code == "TELC234");

        var rendered = Telc.Emit.Renderer.Render(compilation);
        using var folder = new TempFolder();
        var config = folder.Write("alertmanager.yml", Assert.Single(rendered.Objects, o => o.Object.Metadata.Name == "alertmanager-alerts-config").Object is Telc.Emit.Kubernetes.ConfigMap map
            ? map.Data["alertmanager.yml"] : throw new InvalidOperationException("not a ConfigMap"));
        string Receiver(string alert)
        {
            var (exitCode, output) = ExternalTools.Run("amtool", "config", "routes", "test", "--config.file=" + config, "alertname=" + alert, "severity=none", "heartbeat=true", "cluster=prod-1");
            Assert.True(exitCode == 0, output);
            return output.Split('\n').Last(l => l.Trim().Length > 0 && !l.StartsWith("Warning", StringComparison.Ordinal)).Trim();
        }

        Assert.Equal("heartbeat", Receiver("Watchdog"));
        Assert.Equal("oncall", Receiver("PrometheusNoAlertmanager"));
    }
}
