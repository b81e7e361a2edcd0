using Telc.Policies;
using Telc.Sources;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>
/// Every alert of every example reaches, according to amtool reading the rendered alertmanager.yml, exactly the
/// receivers telc's routing model says (the model the policies ask), with the labels the alert is rendered with.
/// </summary>
public sealed class AlertRoutingTests
{
    public static TheoryData<string> Examples() => RenderCases.Rendering("alertmanager.yml");

    [SkippableTheory]
    [MemberData(nameof(Examples))]
    public void Amtool_routes_every_rendered_alert_to_the_receivers_telc_expects(string example)
    {
        ExternalTools.Require("amtool");
        using var folder = new TempFolder();
        var tree = RenderedTree.Render(example, Path.Combine(folder.Path, "out"));
        var compilation = Compilation.Create(new WorkingTreeSource(RepoPaths.Combine(example, "telemetry"), RepoPaths.Root));
        var deliveries = compilation.Clusters.SelectMany(c => c.Metrics.Prometheuses)
            .SelectMany(p => p.RuleGroups.SelectMany(g => g.Rules))
            .Distinct()
            .SelectMany(r => new AlertDeliveries(compilation.Clusters).Of(r.Rule))
            .Where(d => d.Alertmanager is not null)
            .ToArray();
        Assert.NotEmpty(deliveries);

        foreach (var delivery in deliveries)
        {
            var objectName = compilation.Clusters.Single(c => c.Name == delivery.Cluster).Routing.Alertmanagers.Single(a => a.Backend.Name == delivery.Alertmanager).ObjectName;
            var config = tree.ConfigMaps("-config").Single(c => c.File.Contains($"/clusters/{delivery.Cluster}/{objectName}/", StringComparison.Ordinal)).Data["alertmanager.yml"];
            var path = folder.Write($"{delivery.Cluster}-{objectName}.yml", config);

            var (exitCode, output) = ExternalTools.Run("amtool", ["config", "routes", "test", "--config.file=" + path, .. delivery.Labels.Select(l => $"{l.Key}={l.Value}")]);

            Assert.True(exitCode == 0, output);
            var reached = output.Split('\n').Last(l => l.Trim().Length > 0 && !l.StartsWith("Warning", StringComparison.Ordinal)).Trim().Split(',');
            Assert.True(reached.SequenceEqual(delivery.Receivers),
                $"{delivery.Labels["alertname"]} in {delivery.Cluster}: amtool says {string.Join(",", reached)}, telc says {string.Join(",", delivery.Receivers)}");
        }
    }

    [Fact]
    public void A_teams_critical_alert_pages_the_team_in_the_quickstart()
    {
        var compilation = Compilation.Create(new WorkingTreeSource(RepoPaths.Combine("examples", "quickstart", "telemetry"), RepoPaths.Root));
        var rule = compilation.Clusters.Single().Metrics.Prometheuses.Single().RuleGroups.SelectMany(g => g.Rules).Single(r => r.Rule.Alert?.Value == "PaymentsHighErrorRate");

        var delivery = Assert.Single(new AlertDeliveries(compilation.Clusters).Of(rule.Rule));

        Assert.Equal("payments", delivery.Labels["team"]);
        Assert.Equal<string>(["payments-oncall"], delivery.Receivers);
    }
}
