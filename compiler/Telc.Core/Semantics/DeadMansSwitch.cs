using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Emit.Alertmanager;
using Telc.Model;

namespace Telc.Semantics;

/// <summary>
/// The alertmanager preset's Watchdog fires all the time so that its silence is the alarm: it must reach a receiver
/// that expects it (a heartbeat), which means a route of its own. Routed like any other alert, it pages people every
/// repeat interval and nothing notices when it stops. Asked of the routing telc renders, as Alertmanager routes.
/// </summary>
public static class DeadMansSwitch
{
    public const string AlertName = "Watchdog";

    public static IEnumerable<Diagnostic> Check(ImmutableArray<ClusterPlan> clusters)
    {
        var reported = new HashSet<Spec.Resource>();
        var routers = new Dictionary<AlertmanagerPlan, AlertRouter>(ReferenceEqualityComparer.Instance);
        foreach (var cluster in clusters)
        {
            foreach (var prometheus in cluster.Metrics.Prometheuses.Where(p => p.Alertmanager is not null))
            {
                foreach (var group in prometheus.RuleGroups.Where(g => g.Group.Origin is not null))
                {
                    foreach (var watchdog in group.Rules.Where(r => r.Rule.Alert?.Value == AlertName))
                    {
                        if (!routers.TryGetValue(prometheus.Alertmanager!, out var router))
                        {
                            routers[prometheus.Alertmanager!] = router = AlertRouter.For(AlertmanagerConfigBuilder.Build(prometheus.Alertmanager!));
                        }

                        // An alert like the Watchdog in every label but its name: where the routes send any alert.
                        var labels = cluster.ExternalLabels.SetItems(watchdog.Labels);
                        var heartbeat = router.Receivers(labels.SetItem("alertname", AlertName));
                        var ordinary = router.Receivers(labels.SetItem("alertname", "AnyOtherAlert"));
                        var shared = heartbeat.Intersect(ordinary, StringComparer.Ordinal).ToArray();
                        if (shared.Length > 0 && reported.Add(group.Group))
                        {
                            yield return Diagnostic.At(DiagnosticCatalogue.DeadMansSwitchUnrouted, group.Spec.Backend?.Location ?? group.Group.Location,
                                $"the Watchdog alert of preset '{group.Group.Origin!.Preset}' reaches receiver '{shared[0]}' in cluster '{cluster.Name}', as any other alert would: it fires all the time, so it would notify there every repeat interval, and nothing would notice it stop",
                                "route alertname=\"Watchdog\" to a receiver of its own that expects it, a heartbeat such as an OpsGenie heartbeat or a healthchecks.io webhook, which raises the alarm when the Watchdog stops arriving");
                        }
                    }
                }
            }
        }
    }
}
