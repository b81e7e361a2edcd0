using System.Collections.Immutable;
using Telc.Emit.Alertmanager;
using Telc.Model;
using Telc.Spec.Kinds;

namespace Telc.Policies;

/// <summary>
/// Where every rendered alert goes, per cluster and Prometheus, asked of the rendered routing. Worked out per rule when
/// asked; Alertmanagers configured by the same AlertRouting share one router, and an answer is reused for
/// alerts that agree on every label the routes look at. The labels are still built per cluster: on the large
/// benchmark spec (3,000 critical alerts in 50 clusters) this costs about a second of alert-severity-known.
/// </summary>
internal sealed class AlertDeliveries
{
    private const string AlertName = "alertname";

    private readonly ImmutableArray<ClusterPlan> clusters;
    private readonly ILookup<object, (ClusterPlan Cluster, PrometheusPlan Prometheus, RulePlan Rule)> occurrences;
    private readonly Dictionary<object, AlertRouter> routers = new(ReferenceEqualityComparer.Instance);
    private readonly object noRouting = new();
    private readonly Dictionary<(AlertRouter, string), ImmutableArray<string>> answers = [];

    public AlertDeliveries(ImmutableArray<ClusterPlan> clusters)
    {
        occurrences = clusters
            .SelectMany(c => c.Metrics.Prometheuses.SelectMany(p => p.RuleGroups.SelectMany(g => g.Rules).Where(r => r.Rule.Alert is not null).Select(r => (c, p, r))))
            .ToLookup(o => (object)o.r.Rule, ReferenceEqualityComparer.Instance);
        this.clusters = clusters;
    }

    /// <summary>The deliveries of one alerting rule (found by reference: two groups may hold equal rules).</summary>
    public IEnumerable<AlertDelivery> Of(Rule rule)
    {
        lock (answers)
        {
            return [.. occurrences[rule].Select(o => Deliver(o.Cluster, o.Prometheus, o.Rule))];
        }
    }

    /// <summary>A router over the rendered configuration of every Alertmanager, one per AlertRouting.</summary>
    public IEnumerable<AlertRouter> Routers()
    {
        lock (answers)
        {
            return [.. clusters.SelectMany(c => c.Routing.Alertmanagers).Select(Router).Distinct()];
        }
    }

    private AlertDelivery Deliver(ClusterPlan cluster, PrometheusPlan prometheus, RulePlan rule)
    {
        // Prometheus adds its external labels to the alerts it sends, where the alert does not set them itself.
        var labels = cluster.ExternalLabels.SetItems(rule.Labels).SetItem(AlertName, rule.Rule.Alert!.Value);
        var receivers = ImmutableArray<string>.Empty;
        if (prometheus.Alertmanager is { } alertmanager)
        {
            var router = Router(alertmanager);
            var key = string.Join('\n', labels.Where(l => router.LabelNames.Contains(l.Key)).Select(l => $"{l.Key}={l.Value}"));
            if (!answers.TryGetValue((router, key), out receivers))
            {
                answers[(router, key)] = receivers = router.Receivers(labels);
            }
        }

        return new AlertDelivery(cluster.Name, prometheus.Backend.Name, prometheus.Alertmanager?.Backend.Name, labels, receivers);
    }

    /// <summary>One router per AlertRouting document: the configuration rendered from it is the same in every cluster.</summary>
    private AlertRouter Router(AlertmanagerPlan plan)
    {
        var key = (object?)plan.RoutingSpec ?? noRouting;
        if (!routers.TryGetValue(key, out var router))
        {
            routers[key] = router = AlertRouter.For(AlertmanagerConfigBuilder.Build(plan));
        }

        return router;
    }
}
