using Telc.Model;
using Telc.Spec.Kinds;

namespace Telc.Diff;

/// <summary>
/// Receivers, routes and inhibitions of each Alertmanager of a cluster. Losing a path to a pager is the change
/// most likely to hurt unnoticed, so removing or redirecting one is high risk.
/// </summary>
public static class RoutingChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        var old = Routings(before);
        var current = Routings(after);
        foreach (var name in old.Keys.Intersect(current.Keys).Order(StringComparer.Ordinal))
        {
            CompareRouting(old[name], current[name], changes);
        }

        foreach (var name in current.Keys.Except(old.Keys).Order(StringComparer.Ordinal))
        {
            CompareRouting(null, current[name], changes);
        }

        foreach (var name in old.Keys.Except(current.Keys).Order(StringComparer.Ordinal))
        {
            CompareRouting(old[name], null, changes);
        }
    }

    private static void CompareRouting(AlertRoutingSpec? before, AlertRoutingSpec? after, ChangeList changes)
    {
        var oldReceivers = (before?.Receivers ?? []).ToDictionary(r => r.Name.Value, StringComparer.Ordinal);
        var newReceivers = (after?.Receivers ?? []).ToDictionary(r => r.Name.Value, StringComparer.Ordinal);
        changes.Match(oldReceivers, newReceivers,
            (name, receiver) => changes.Add(ChangeArea.Receiver, name, ChangeKind.Added, $"added: {Describe(receiver)}", Risk.Low),
            (name, receiver) => changes.Add(ChangeArea.Receiver, name, ChangeKind.Removed, $"removed: {Describe(receiver)}", IsPager(receiver) ? Risk.High : Risk.Medium),
            (name, old, current) =>
            {
                if (Describe(old) != Describe(current) || old.SendResolved != current.SendResolved)
                {
                    var lostPager = IsPager(old) && !IsPager(current);
                    changes.Add(ChangeArea.Receiver, name, ChangeKind.Changed, $"{Describe(old)} → {Describe(current)}", lostPager ? Risk.High : Risk.Medium);
                }
            });

        bool PagerBefore(string receiver) => oldReceivers.TryGetValue(receiver, out var r) && IsPager(r);
        bool PagerAfter(string receiver) => newReceivers.TryGetValue(receiver, out var r) && IsPager(r);

        if (before is not null && after is not null && before.DefaultReceiver.Value != after.DefaultReceiver.Value)
        {
            var lostPager = PagerBefore(before.DefaultReceiver.Value) && !PagerAfter(after.DefaultReceiver.Value);
            changes.Add(ChangeArea.Route, "default route", ChangeKind.Changed,
                $"receiver {before.DefaultReceiver.Value} → {after.DefaultReceiver.Value}", lostPager ? Risk.High : Risk.Medium);
        }

        changes.Match(Routes(before), Routes(after),
            (key, route) => changes.Add(ChangeArea.Route, key, ChangeKind.Added, $"added → {route.Receiver.Value}", Risk.Low),
            (key, route) => changes.Add(ChangeArea.Route, key, ChangeKind.Removed, $"removed (was → {route.Receiver.Value}); matching alerts fall through to later routes",
                PagerBefore(route.Receiver.Value) ? Risk.High : Risk.Medium),
            (key, old, current) =>
            {
                if (old.Receiver.Value != current.Receiver.Value)
                {
                    var lostPager = PagerBefore(old.Receiver.Value) && !PagerAfter(current.Receiver.Value);
                    changes.Add(ChangeArea.Route, key, ChangeKind.Changed, $"receiver {old.Receiver.Value} → {current.Receiver.Value}", lostPager ? Risk.High : Risk.Medium);
                }
                else if (Settings(old) != Settings(current))
                {
                    changes.Add(ChangeArea.Route, key, ChangeKind.Changed, $"{Settings(old)} → {Settings(current)}", old.Continue != current.Continue ? Risk.Medium : Risk.Low);
                }
            });

        changes.Match(Inhibitions(before), Inhibitions(after),
            (key, _) => changes.Add(ChangeArea.Route, key, ChangeKind.Added, "inhibition added: the target alerts are muted while the source fires", Risk.Medium),
            (key, _) => changes.Add(ChangeArea.Route, key, ChangeKind.Removed, "inhibition removed", Risk.Low),
            (_, _, _) => { });
    }

    private static Dictionary<string, AlertRoutingSpec> Routings(ClusterPlan? plan) =>
        (plan?.Alertmanagers ?? []).Where(a => a.RoutingSpec is not null).ToDictionary(a => a.ObjectName, a => a.RoutingSpec!, StringComparer.Ordinal);

    /// <summary>Every route, nested ones included, keyed by the matchers on its path from the root.</summary>
    private static Dictionary<string, Route> Routes(AlertRoutingSpec? routing)
    {
        var routes = new Dictionary<string, Route>(StringComparer.Ordinal);
        void Walk(IEnumerable<Route> level, string prefix)
        {
            foreach (var route in level)
            {
                var own = route.Matchers.IsDefaultOrEmpty ? "(any alert)" : string.Join(", ", route.Matchers.Select(m => m.Value));
                var key = prefix.Length == 0 ? own : $"{prefix} › {own}";
                var unique = key;
                for (var n = 2; routes.ContainsKey(unique); n++)
                {
                    unique = $"{key} #{n}";
                }

                routes[unique] = route;
                Walk(route.Routes.IsDefault ? [] : route.Routes, unique);
            }
        }

        Walk(routing?.Routes.IsDefault == false ? routing.Routes : [], string.Empty);
        return routes;
    }

    private static Dictionary<string, Inhibition> Inhibitions(AlertRoutingSpec? routing)
    {
        var inhibitions = new Dictionary<string, Inhibition>(StringComparer.Ordinal);
        foreach (var inhibition in routing?.Inhibitions.IsDefault == false ? routing.Inhibitions : [])
        {
            var key = $"inhibition of {string.Join(", ", inhibition.TargetMatchers.Select(m => m.Value))} while {string.Join(", ", inhibition.SourceMatchers.Select(m => m.Value))}"
                + (inhibition.Equal.IsDefaultOrEmpty ? string.Empty : $" (equal {string.Join(", ", inhibition.Equal)})");
            inhibitions.TryAdd(key, inhibition);
        }

        return inhibitions;
    }

    private static string Settings(Route route) => string.Join(", ", new[]
    {
        route.Continue ? "continue" : null,
        route.GroupBy.IsDefaultOrEmpty ? null : $"group by {string.Join(", ", route.GroupBy)}",
        route.GroupWait is { } wait ? $"group_wait {wait.Text}" : null,
        route.GroupInterval is { } interval ? $"group_interval {interval.Text}" : null,
        route.RepeatInterval is { } repeat ? $"repeat_interval {repeat.Text}" : null,
        route.MuteTimeIntervals.IsDefaultOrEmpty ? null : $"muted during {string.Join(", ", route.MuteTimeIntervals.Select(m => m.Value))}",
    }.Where(s => s is not null)) is { Length: > 0 } text ? text : "defaults";

    private static bool IsPager(Receiver receiver) => receiver.Opsgenie is not null || receiver.Pagerduty is not null;

    /// <summary>The integration and its visible settings; never the secrets, which are only references anyway.</summary>
    private static string Describe(Receiver receiver) => receiver switch
    {
        { Opsgenie: { } o } => $"OpsGenie{(o.Priority is { } p ? $" {p}" : string.Empty)}{(o.Responders.IsDefaultOrEmpty ? string.Empty : $" to {string.Join(", ", o.Responders)}")}",
        { Pagerduty: { } p } => $"PagerDuty{(p.Severity is { } s ? $" {s}" : string.Empty)}",
        { Slack: { } s } => $"Slack {s.Channel}",
        { Email: { } e } => $"email to {string.Join(", ", e.To.IsDefault ? [] : e.To)}",
        { Webhook: { } w } => w.Url is { } url ? $"webhook {SecretValues.MaskUrlCredentials(url)}" : "webhook (URL from a Secret)",
        _ => "no integration (discards)",
    };
}
