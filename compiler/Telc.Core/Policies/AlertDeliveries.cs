using System.Collections.Immutable;
using Telc.Emit.Alertmanager;
using Telc.Model;
using Telc.Spec.Kinds;

namespace Telc.Policies;

/// <summary>Where every rendered alert goes, per cluster and Prometheus, asked of the rendered routing.</summary>
internal static class AlertDeliveries
{
    private const string AlertName = "alertname";

    /// <summary>The deliveries of each alerting rule, keyed by the rule itself (by reference: two groups may hold equal rules).</summary>
    public static ILookup<object, AlertDelivery> Of(ImmutableArray<ClusterPlan> clusters)
    {
        var routers = new Dictionary<AlertmanagerPlan, AlertRouter>(ReferenceEqualityComparer.Instance);
        var deliveries = new List<(Rule Rule, AlertDelivery Delivery)>();
        foreach (var cluster in clusters)
        {
            foreach (var prometheus in cluster.Prometheuses)
            {
                var router = prometheus.Alertmanager is { } alertmanager
                    ? routers.TryGetValue(alertmanager, out var known) ? known : routers[alertmanager] = Router(alertmanager)
                    : null;
                foreach (var rule in prometheus.RuleGroups.SelectMany(g => g.Rules).Where(r => r.Rule.Alert is not null))
                {
                    // Prometheus adds its external labels to the alerts it sends, where the alert does not set them itself.
                    var labels = cluster.ExternalLabels.SetItems(rule.Labels).SetItem(AlertName, rule.Rule.Alert!.Value);
                    deliveries.Add((rule.Rule, new AlertDelivery(cluster.Name, prometheus.Backend.Name, prometheus.Alertmanager?.Backend.Name, labels,
                        router?.Receivers(labels) ?? [])));
                }
            }
        }

        return deliveries.ToLookup(d => (object)d.Rule, d => d.Delivery, ReferenceEqualityComparer.Instance);
    }

    /// <summary>A router over the rendered configuration of every Alertmanager, one per backend and cluster.</summary>
    public static ImmutableArray<AlertRouter> Routers(ImmutableArray<ClusterPlan> clusters) =>
        [.. clusters.SelectMany(c => c.Alertmanagers).Select(Router)];

    private static AlertRouter Router(AlertmanagerPlan plan) => AlertRouter.For(AlertmanagerConfigBuilder.Build(plan));
}
