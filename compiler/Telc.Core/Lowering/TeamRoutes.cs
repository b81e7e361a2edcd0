using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Lowering;

/// <summary>
/// A Team's default receivers as Alertmanager routes, placed after the AlertRouting's own routes so that a route the
/// routing writes explicitly wins: first the team's critical alerts to its critical receiver, then all of its alerts
/// to its default receiver. A routing gets the routes whose receiver it declares, and none that it already writes
/// itself at its top level (the same matchers to the same receiver).
/// </summary>
public static class TeamRoutes
{
    public static IEnumerable<Route> For(SpecModel model, AlertRoutingSpec routing)
    {
        var declared = routing.Receivers.Select(r => r.Name.Value).ToHashSet(StringComparer.Ordinal);
        var written = routing.Routes.Select(Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (team, spec) in model.OfKind<TeamSpec>().OrderBy(t => t.Resource.Name, StringComparer.Ordinal))
        {
            if (spec.Receivers is not { } receivers)
            {
                continue;
            }

            var teamMatcher = new Located<string>($"{RuleLabels.Team}=\"{team.Name}\"", receivers.Location);
            var routes = new[]
            {
                receivers.Critical is { } critical ? Route([teamMatcher, new Located<string>($"{RuleLabels.Severity}=\"critical\"", critical.Location)], critical) : null,
                receivers.Default is { } fallback ? Route([teamMatcher], fallback) : null,
            };
            foreach (var route in routes.OfType<Route>().Where(r => declared.Contains(r.Receiver.Value) && !written.Contains(Key(r))))
            {
                yield return route;
            }
        }
    }

    private static string Key(Route route) =>
        string.Join("\n", route.Matchers.Select(m => AlertmanagerMatcher.Parse(m.Value) is { } parsed ? $"{parsed.Label}{parsed.Operator}{parsed.Value}" : m.Value)
            .Order(StringComparer.Ordinal).Append("→" + route.Receiver.Value));

    private static Route Route(ImmutableArray<Located<string>> matchers, Located<string> receiver) =>
        new(matchers, receiver, [], false, null, null, null, [], []) { Location = receiver.Location };
}
