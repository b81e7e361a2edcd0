using System.Collections.Immutable;
using Telc.Spec.Values;

namespace Telc.Emit.Alertmanager;

/// <summary>
/// Which receivers a rendered alertmanager.yml notifies for an alert, decided as Alertmanager's dispatcher decides:
/// a route matches when all its matchers do; its children are tried in order, each match kept, stopping at the first
/// matching child that does not continue; a matching route none of whose children match is itself the end.
/// The routing checks ask this about the configuration telc writes, so they cannot disagree with what is deployed.
/// </summary>
public sealed class AlertRouter
{
    private readonly Node root;

    private AlertRouter(Node root) => this.root = root;

    public static AlertRouter For(AlertmanagerConfig config) => new(Parse(config.Route));

    /// <summary>The receivers reached, in route order, each once.</summary>
    public ImmutableArray<string> Receivers(IReadOnlyDictionary<string, string> labels) =>
        [.. Match(root, labels).Select(n => n.Receiver).Distinct(StringComparer.Ordinal)];

    private static List<Node> Match(Node route, IReadOnlyDictionary<string, string> labels)
    {
        var reached = new List<Node>();
        if (!route.Matchers.All(m => m?.Matches(labels) ?? false))
        {
            return reached;
        }

        foreach (var child in route.Children)
        {
            var below = Match(child, labels);
            reached.AddRange(below);
            if (below.Count > 0 && !child.Continue)
            {
                break;
            }
        }

        if (reached.Count == 0)
        {
            reached.Add(route);
        }

        return reached;
    }

    private static Node Parse(RouteConfig route) => new(
        route.Receiver,
        route.Continue ?? false,
        [.. (route.Matchers.IsDefault ? [] : route.Matchers).Select(AlertmanagerMatcher.Parse)],
        [.. (route.Routes.IsDefault ? [] : route.Routes).Select(Parse)]);

    /// <summary>A route with its matchers parsed once; an unparsable matcher (null) matches nothing.</summary>
    private sealed record Node(string Receiver, bool Continue, ImmutableArray<AlertmanagerMatcher?> Matchers, ImmutableArray<Node> Children);
}
