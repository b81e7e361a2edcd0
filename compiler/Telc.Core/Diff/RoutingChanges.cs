using Telc.Model;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Diff;

/// <summary>
/// Receivers, routes and inhibitions of each Alertmanager of a cluster. Losing a path to a pager is the change
/// most likely to hurt unnoticed, so removing or redirecting one is high risk.
/// </summary>
public static class RoutingChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        var (pairs, removed, added) = Pairing.Pair(Routed(before), Routed(after), Pairing.ByNameThenSoleServer<AlertmanagerPlan>(a => a.ObjectName));
        foreach (var (was, now) in pairs)
        {
            CompareRouting(was, now, changes);
        }

        foreach (var alertmanager in added)
        {
            CompareRouting(null, alertmanager, changes);
        }

        foreach (var alertmanager in removed)
        {
            CompareRouting(alertmanager, null, changes);
        }
    }

    private static void CompareRouting(AlertmanagerPlan? beforePlan, AlertmanagerPlan? afterPlan, ChangeList changes)
    {
        var (before, after) = (beforePlan?.RoutingSpec, afterPlan?.RoutingSpec);
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

        CompareRoutes(Routes(beforePlan), Routes(afterPlan), PagerBefore, PagerAfter, changes);

        if (before is not null && after is not null)
        {
            CompareRootSettings(before, after, changes);
            CompareMuteIntervals(before, after, changes);
        }

        changes.Match(Inhibitions(before), Inhibitions(after),
            (key, _) => changes.Add(ChangeArea.Route, key, ChangeKind.Added, "inhibition added: the target alerts are muted while the source fires", Risk.Medium),
            (key, _) => changes.Add(ChangeArea.Route, key, ChangeKind.Removed, "inhibition removed", Risk.Low),
            (_, _, _) => { });
    }

    private static AlertmanagerPlan[] Routed(ClusterPlan? plan) => [.. (plan?.Routing.Alertmanagers ?? []).Where(a => a.RoutingSpec is not null)];

    /// <summary>
    /// Routes are paired by the matchers on their path from the root, then what is left by position and receiver (a
    /// route whose matchers were edited). Routes are tried in order, so one added ahead of a route to a pager can take
    /// its alerts, and a mute on a pager route silences pages: both are high risk.
    /// </summary>
    private static void CompareRoutes(
        IReadOnlyList<FlatRoute> before, IReadOnlyList<FlatRoute> after, Func<string, bool> pagerBefore, Func<string, bool> pagerAfter, ChangeList changes)
    {
        var (pairs, removed, added) = Pairing.Pair(before, after, (r => r.Key, false), (r => $"{r.Position}/{r.Route.Receiver.Value}", false));
        foreach (var (old, current) in pairs)
        {
            var (was, now) = (old.Route, current.Route);
            var pager = pagerBefore(was.Receiver.Value);
            if (old.Key != current.Key)
            {
                changes.Add(ChangeArea.Route, current.Key, ChangeKind.Changed, $"matchers {old.Own} → {current.Own}", pager ? Risk.High : Risk.Medium);
            }

            if (was.Receiver.Value != now.Receiver.Value)
            {
                var lostPager = pager && !pagerAfter(now.Receiver.Value);
                changes.Add(ChangeArea.Route, current.Key, ChangeKind.Changed, $"receiver {was.Receiver.Value} → {now.Receiver.Value}", lostPager ? Risk.High : Risk.Medium);
            }
            else if (Settings(was) != Settings(now))
            {
                var newlyMuted = now.MuteTimeIntervals.Select(m => m.Value).Except(was.MuteTimeIntervals.Select(m => m.Value)).Any();
                var risk = pager && (newlyMuted || (was.Continue && !now.Continue)) ? Risk.High : was.Continue != now.Continue || newlyMuted ? Risk.Medium : Risk.Low;
                changes.Add(ChangeArea.Route, current.Key, ChangeKind.Changed, $"{Settings(was)} → {Settings(now)}", risk);
            }
        }

        foreach (var route in added)
        {
            var shadowed = route.Route.Continue || pagerAfter(route.Route.Receiver.Value)
                ? null
                : after.FirstOrDefault(r => r.Parent == route.Parent && r.Index > route.Index && pagerAfter(r.Route.Receiver.Value));
            changes.Add(ChangeArea.Route, route.Key, ChangeKind.Added,
                shadowed is null ? $"added → {route.Route.Receiver.Value}" : $"added → {route.Route.Receiver.Value}, ahead of the paging route {shadowed.Key}: alerts both match stop paging",
                shadowed is null ? Risk.Low : Risk.High);
        }

        foreach (var route in removed)
        {
            changes.Add(ChangeArea.Route, route.Key, ChangeKind.Removed, $"removed (was → {route.Route.Receiver.Value}); matching alerts fall through to later routes",
                pagerBefore(route.Route.Receiver.Value) ? Risk.High : Risk.Medium);
        }
    }

    /// <summary>The root route's grouping and timings, which every route inherits.</summary>
    private static void CompareRootSettings(AlertRoutingSpec before, AlertRoutingSpec after, ChangeList changes)
    {
        var (oldGroups, newGroups) = (string.Join(", ", before.GroupBy.IsDefault ? [] : before.GroupBy), string.Join(", ", after.GroupBy.IsDefault ? [] : after.GroupBy));
        if (oldGroups != newGroups)
        {
            changes.Add(ChangeArea.Route, "default route", ChangeKind.Changed, $"group by {oldGroups} → {newGroups}: notifications are grouped differently", Risk.Medium);
        }

        foreach (var (name, was, now) in new[]
        {
            ("group_wait", before.GroupWait?.Text, after.GroupWait?.Text),
            ("group_interval", before.GroupInterval?.Text, after.GroupInterval?.Text),
            ("repeat_interval", before.RepeatInterval?.Text, after.RepeatInterval?.Text),
        })
        {
            if (was != now)
            {
                changes.Add(ChangeArea.Route, "default route", ChangeKind.Changed, $"{name} {was ?? "default"} → {now ?? "default"}", Risk.Low);
            }
        }
    }

    /// <summary>Named mute windows: widening one silences every route that uses it for longer.</summary>
    private static void CompareMuteIntervals(AlertRoutingSpec before, AlertRoutingSpec after, ChangeList changes)
    {
        static Dictionary<string, string> Windows(AlertRoutingSpec routing) =>
            (routing.MuteTimeIntervals.IsDefault ? [] : routing.MuteTimeIntervals).GroupBy(m => m.Name.Value, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => string.Join("; ", g.First().Windows.Select(Window)), StringComparer.Ordinal);

        changes.Match(Windows(before), Windows(after),
            (name, windows) => changes.Add(ChangeArea.Route, $"mute interval {name}", ChangeKind.Added, $"added: {windows}", Risk.Low),
            (name, _) => changes.Add(ChangeArea.Route, $"mute interval {name}", ChangeKind.Removed, "removed", Risk.Low),
            (name, was, now) =>
            {
                if (was != now)
                {
                    changes.Add(ChangeArea.Route, $"mute interval {name}", ChangeKind.Changed, $"{was} → {now}", Risk.Medium);
                }
            });
    }

    private static string Window(TimeWindow window)
    {
        static string Part(string what, System.Collections.Immutable.ImmutableArray<Spec.Located<string>> values) =>
            values.IsDefaultOrEmpty ? string.Empty : $"{what} {string.Join(",", values.Select(v => v.Value))}";

        var parts = new[] { Part("times", window.Times), Part("weekdays", window.Weekdays), Part("days", window.DaysOfMonth), Part("months", window.Months) }
            .Where(p => p.Length > 0)
            .ToArray();
        return (parts.Length == 0 ? "always" : string.Join(" ", parts)) + $" ({window.TimeZone})";
    }

    /// <summary>Every route as rendered (Team routes included), nested ones too, with the matchers on its path from the root and its position.</summary>
    private static List<FlatRoute> Routes(AlertmanagerPlan? plan)
    {
        var routes = new List<FlatRoute>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Walk(IEnumerable<Route> level, string parentKey, string parentPosition)
        {
            var index = 0;
            foreach (var route in level)
            {
                var own = route.Matchers.IsDefaultOrEmpty ? "(any alert)" : string.Join(", ", route.Matchers.Select(m => m.Value));
                var key = parentKey.Length == 0 ? own : $"{parentKey} › {own}";
                for (var n = 2; !keys.Add(key); n++)
                {
                    key = (parentKey.Length == 0 ? own : $"{parentKey} › {own}") + $" #{n}";
                }

                var position = parentPosition.Length == 0 ? $"{index}" : $"{parentPosition}.{index}";
                routes.Add(new FlatRoute(key, own, position, parentPosition, index, route));
                Walk(route.Routes.IsDefault ? [] : route.Routes, key, position);
                index++;
            }
        }

        Walk(plan?.Routes.IsDefault == false ? plan.Routes : [], string.Empty, string.Empty);
        return routes;
    }

    /// <summary>A route in the flattened tree: its matcher path (the key), its own matchers, and where it sits.</summary>
    private sealed record FlatRoute(string Key, string Own, string Position, string Parent, int Index, Route Route);

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
        { Webhook: { } w } => w.Url is { } url ? $"webhook {Credentials.Hide(url)}" : "webhook (URL from a Secret)",
        _ => "no integration (discards)",
    };
}
