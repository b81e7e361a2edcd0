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

    private AlertRouter(Node root, ImmutableHashSet<string> labelNames)
    {
        this.root = root;
        LabelNames = labelNames;
    }

    /// <summary>Every label some matcher looks at: labels outside this set cannot change where an alert goes.</summary>
    public ImmutableHashSet<string> LabelNames { get; }

    public static AlertRouter For(AlertmanagerConfig config)
    {
        var root = Parse(config.Route);
        return new AlertRouter(root, [.. Nodes(root).SelectMany(n => n.Matchers).OfType<AlertmanagerMatcher>().Select(m => m.Label)]);
    }

    /// <summary>The receivers reached, in route order, each once.</summary>
    public ImmutableArray<string> Receivers(IReadOnlyDictionary<string, string> labels)
    {
        var reached = new List<Node>();
        Match(root, labels, reached);
        return [.. reached.Select(n => n.Receiver).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Adds the routes an alert ends at below (or at) this one; false when this route does not match.</summary>
    private static bool Match(Node route, IReadOnlyDictionary<string, string> labels, List<Node> reached)
    {
        foreach (var matcher in route.Matchers)
        {
            if (matcher is null || !matcher.Matches(labels))
            {
                return false;
            }
        }

        var before = reached.Count;
        foreach (var child in route.Children)
        {
            if (Match(child, labels, reached) && !child.Continue)
            {
                break;
            }
        }

        if (reached.Count == before)
        {
            reached.Add(route);
        }

        return true;
    }

    private static Node Parse(RouteConfig route) => new(
        route.Receiver,
        route.Continue ?? false,
        [.. (route.Matchers.IsDefault ? [] : route.Matchers).Select(AlertmanagerMatcher.Parse)],
        [.. (route.Routes.IsDefault ? [] : route.Routes).Select(Parse)]);

    private static IEnumerable<Node> Nodes(Node node) => node.Children.SelectMany(Nodes).Prepend(node);

    /// <summary>A route with its matchers parsed once; an unparsable matcher (null) matches nothing.</summary>
    private sealed record Node(string Receiver, bool Continue, ImmutableArray<AlertmanagerMatcher?> Matchers, ImmutableArray<Node> Children);
}
