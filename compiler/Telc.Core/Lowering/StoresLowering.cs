using System.Collections.Immutable;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Lowering;

/// <summary>A cluster's log and trace stores, with the retention the RetentionPolicy rules give each of them.</summary>
public static class StoresLowering
{
    public static StoresPlan Lower(SpecModel model, ClusterSpec cluster, (Resource Resource, BackendSpec Spec)[] backends, CollectorsPlan collectors) => new(
        [.. backends.Where(b => b.Spec.Loki is not null).Select(b => Loki(model, cluster, b.Resource, b.Spec.Loki!))],
        [.. backends.Where(b => b.Spec.Elasticsearch is not null).Select(b => Elasticsearch(model, cluster, b.Resource, b.Spec.Elasticsearch!, collectors))]);

    private static LokiPlan Loki(SpecModel model, ClusterSpec cluster, Resource backend, LokiBackend spec)
    {
        var rules = Rules(model, cluster, backend, Signal.Logs).ToArray();
        var teams = model.OfKind<TeamSpec>().ToDictionary(t => t.Resource.Name, t => t.Spec, StringComparer.Ordinal);
        var streams = rules.Where(r => r.Rule.Team is not null && teams.ContainsKey(r.Rule.Team.Value))
            .GroupBy(r => r.Rule.Team!.Value, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(r => Specificity(r.Rule)).First())
            .Where(r => !teams[r.Rule.Team!.Value].Namespaces.IsDefaultOrEmpty)
            .Select(r => new LokiStreamRetention(r.Rule.Team!.Value, [.. teams[r.Rule.Team!.Value].Namespaces.Order(StringComparer.Ordinal)],
                1 + Specificity(r.Rule), r.Rule.Duration));
        return new LokiPlan(backend, spec, ClusterLowering.ObjectName("loki", backend.Name), LogRetention(rules, spec.Retention), [.. streams]);
    }

    /// <summary>
    /// An Elasticsearch keeps each log pipeline that ships to it in a data stream of its own, all for the same time:
    /// its index lifecycle deletes whole backing indices, so it cannot keep a team's namespaces apart as Loki does.
    /// </summary>
    private static ElasticsearchPlan Elasticsearch(SpecModel model, ClusterSpec cluster, Resource backend, ElasticsearchBackend spec, CollectorsPlan collectors)
    {
        var streams = collectors.All.Where(p => p.Signal == Signal.Logs && p.Output.Backend == backend)
            .Select(p => p.Pipeline).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal).Select(LogDataStream.Of);
        return new ElasticsearchPlan(backend, spec, ClusterLowering.ObjectName("elasticsearch", backend.Name), ClusterLowering.ObjectName("kibana", backend.Name),
            LogRetention(Rules(model, cluster, backend, Signal.Logs), spec.Retention), [.. streams]);
    }

    /// <summary>How long a store keeps every log: the most specific rule that is not a team's, else the backend's own time.</summary>
    private static Duration? LogRetention(IEnumerable<(Resource Policy, RetentionRule Rule)> rules, RetentionSettings? backend) =>
        rules.Where(r => r.Rule.Team is null).OrderByDescending(r => Specificity(r.Rule)).FirstOrDefault().Rule?.Duration ?? backend?.Time;

    /// <summary>The rules of a signal that apply to a backend in a cluster's environment.</summary>
    public static IEnumerable<(Resource Policy, RetentionRule Rule)> Rules(SpecModel model, ClusterSpec cluster, Resource backend, Signal signal) =>
        model.OfKind<RetentionPolicySpec>()
            .SelectMany(p => p.Spec.Rules.Select(r => (p.Resource, r)))
            .Where(r => r.r.Signal == signal)
            .Where(r => r.r.Environment is null || r.r.Environment.Value == cluster.Environment.Value)
            .Where(r => r.r.Backend is null || r.r.Backend.Value == backend.Name);

    /// <summary>A backend-specific rule beats an environment-wide one, which beats one for any environment.</summary>
    public static int Specificity(RetentionRule rule) => (rule.Backend is null ? 0 : 2) + (rule.Environment is null ? 0 : 1);
}
