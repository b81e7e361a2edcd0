using System.Collections.Immutable;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Lowering;

/// <summary>A cluster's log and trace stores, with the retention the RetentionPolicy rules give each of them.</summary>
public static class StoresLowering
{
    public static StoresPlan Lower(
        SpecModel model, string clusterName, ClusterSpec cluster, string ns, (Resource Resource, BackendSpec Spec)[] backends, MetricsPlan metrics, RoutingPlan routing,
        ILookup<string, RuleGroupPlan> ruleGroups, CollectorsPlan collectors)
    {
        ImmutableArray<ElasticsearchPlan> elasticsearches =
            [.. backends.Where(b => b.Spec.Elasticsearch is not null).Select(b => Elasticsearch(model, cluster, b.Resource, b.Spec.Elasticsearch!, collectors, backends))];
        return new(
            [.. backends.Where(b => b.Spec.Loki is not null).Select(b => Loki(model, cluster, b.Resource, b.Spec.Loki!, Ruler(ns, b.Resource, b.Spec.Loki!, metrics, routing, ruleGroups)))],
            [.. backends.Where(b => b.Spec.Tempo is not null).Select(b => Tempo(model, cluster, b.Resource, b.Spec.Tempo!, metrics.ComponentStore))],
            elasticsearches,
            [.. backends.Where(b => b.Spec.Jaeger is not null).Select(b => Jaeger(model, cluster, b.Resource, b.Spec.Jaeger!))],
            [.. backends.Where(b => b.Spec.Zipkin is not null).Select(b => new ZipkinPlan(b.Resource, b.Spec.Zipkin!, ClusterLowering.ObjectName("zipkin", b.Resource.Name),
                elasticsearches.FirstOrDefault(e => e.Backend.Name == b.Spec.Zipkin!.Elasticsearch?.Value)))],
            [.. backends.Where(b => b.Spec.Kafka is not null).Select(b => Kafka(model, clusterName, cluster, ns, b.Resource, b.Spec.Kafka!, collectors))],
            [.. backends.Where(b => b.Spec.Influxdb is not null).Select(b => new InfluxDbPlan(b.Resource, b.Spec.Influxdb!, ClusterLowering.ObjectName("influxdb", b.Resource.Name),
                MostSpecificRule(model, cluster, b.Resource, Signal.Metrics)?.Duration ?? b.Spec.Influxdb!.Retention?.Time))]);
    }

    private static LokiRulerPlan? Ruler(string ns, Resource backend, LokiBackend spec, MetricsPlan metrics, RoutingPlan routing, ILookup<string, RuleGroupPlan> ruleGroups)
    {
        var groups = ruleGroups[backend.Name].ToImmutableArray();
        if (groups.IsEmpty)
        {
            return null;
        }

        var alertmanager = AlertmanagerPlan.For(spec.Alertmanager, routing.Alertmanagers);
        var ruler = new LokiRulerPlan(groups, [.. alertmanager?.ReplicaAddresses(ns).Select(a => $"http://{a}") ?? []], null);
        return ruler.Records ? ruler with { RecordsTo = metrics.ComponentStore } : ruler;
    }

    private static LokiPlan Loki(SpecModel model, ClusterSpec cluster, Resource backend, LokiBackend spec, LokiRulerPlan? ruler)
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
        return new LokiPlan(backend, spec, ClusterLowering.ObjectName("loki", backend.Name),
            MostSpecificRule(model, cluster, backend, Signal.Logs)?.Duration ?? spec.Retention?.Time, [.. streams], ruler);
    }

    /// <summary>Tempo runs single-tenant here, so only rules for every team reach it; a team's rule is named as not rendered.</summary>
    private static TempoPlan Tempo(SpecModel model, ClusterSpec cluster, Resource backend, TempoBackend spec, PrometheusPlan? metricsStore) =>
        new(backend, spec, ClusterLowering.ObjectName("tempo", backend.Name),
            MostSpecificRule(model, cluster, backend, Signal.Traces)?.Duration ?? spec.Retention?.Time ?? TempoPlan.DefaultRetention, metricsStore);

    /// <summary>Jaeger's badger keeps one store for every team's spans, so, as for Tempo, only rules for every team reach it.</summary>
    private static JaegerPlan Jaeger(SpecModel model, ClusterSpec cluster, Resource backend, JaegerBackend spec) =>
        new(backend, spec, ClusterLowering.ObjectName("jaeger", backend.Name),
            MostSpecificRule(model, cluster, backend, Signal.Traces)?.Duration ?? spec.Retention?.Time ?? JaegerPlan.DefaultRetention);

    /// <summary>
    /// An Elasticsearch keeps each log pipeline that ships to it in a data stream of its own, all for the same time:
    /// its index lifecycle deletes whole backing indices, so it cannot keep a team's namespaces apart as Loki does.
    /// </summary>
    /// <remarks>
    /// The Zipkin that stores its spans there (the checks refuse two in one cluster) keeps them as long as the rules for
    /// that Zipkin's traces say: a rule names the backend users send traces to, not where it keeps them.
    /// </remarks>
    private static ElasticsearchPlan Elasticsearch(
        SpecModel model, ClusterSpec cluster, Resource backend, ElasticsearchBackend spec, CollectorsPlan collectors, (Resource Resource, BackendSpec Spec)[] backends)
    {
        var streams = collectors.All.Where(p => p.Signal == Signal.Logs && p.Output.Backend == backend)
            .Select(p => p.Pipeline).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal).Select(LogDataStream.Of);
        var zipkin = backends.Where(b => b.Spec.Zipkin?.Elasticsearch?.Value == backend.Name)
            .Select(b => new ZipkinIndices(b.Resource, MostSpecificRule(model, cluster, b.Resource, Signal.Traces)?.Duration ?? b.Spec.Zipkin!.Retention?.Time))
            .FirstOrDefault();
        return new ElasticsearchPlan(backend, spec, ClusterLowering.ObjectName("elasticsearch", backend.Name), ClusterLowering.ObjectName("kibana", backend.Name),
            MostSpecificRule(model, cluster, backend, Signal.Logs)?.Duration ?? spec.Retention?.Time, [.. streams], zipkin);
    }

    /// <summary>
    /// A Kafka keeps a topic for every pipeline that writes to it, through its output or its via; each topic is kept as
    /// long (and as much) as the most specific rule of its signal naming the Kafka says, else as the backend says.
    /// </summary>
    private static KafkaPlan Kafka(SpecModel model, string clusterName, ClusterSpec cluster, string ns, Resource backend, KafkaBackend spec, CollectorsPlan collectors)
    {
        var topics = collectors.All.Where(p => p.Via?.Kafka == backend || (p.Via is null && p.Output.Backend == backend))
            .Select(p => (p.Pipeline, p.Signal)).Distinct().OrderBy(p => p.Pipeline.Name, StringComparer.Ordinal).ThenBy(p => p.Signal)
            .Select(p => (p.Pipeline, p.Signal, Rule: MostSpecificRule(model, cluster, backend, p.Signal, namingTheBackend: true)))
            .Select(p => new KafkaTopicPlan(KafkaTopicPlan.NameOf(p.Signal, p.Pipeline.Name), p.Signal, p.Pipeline,
                p.Rule?.Duration ?? spec.Retention?.Time ?? KafkaPlan.DefaultRetention, p.Rule?.Size ?? spec.Retention?.Size));
        return new KafkaPlan(backend, spec, ClusterLowering.ObjectName("kafka", backend.Name), KafkaClusterId.For(clusterName, ns, backend.Name), [.. topics]);
    }

    /// <summary>The rules of a signal that apply to a backend in a cluster's environment.</summary>
    public static IEnumerable<(Resource Policy, RetentionRule Rule)> Rules(SpecModel model, ClusterSpec cluster, Resource backend, Signal signal) =>
        model.OfKind<RetentionPolicySpec>()
            .SelectMany(p => p.Spec.Rules.Select(r => (p.Resource, r)))
            .Where(r => r.r.Signal == signal)
            .Where(r => r.r.Environment is null || r.r.Environment.Value == cluster.Environment.Value)
            .Where(r => r.r.Backend is null || r.r.Backend.Value == backend.Name);

    /// <summary>The most specific rule of a signal for all of a backend's data (not a team's), or null when none applies.</summary>
    /// <param name="namingTheBackend">Only rules naming the backend: a buffer's, as a rule naming no backend is for the stores that keep the history.</param>
    public static RetentionRule? MostSpecificRule(SpecModel model, ClusterSpec cluster, Resource backend, Signal signal, bool namingTheBackend = false) =>
        Rules(model, cluster, backend, signal).Select(r => r.Rule).Where(r => r.Team is null && (!namingTheBackend || r.Backend is not null))
            .OrderByDescending(Specificity).FirstOrDefault();

    /// <summary>A backend-specific rule beats an environment-wide one, which beats one for any environment.</summary>
    public static int Specificity(RetentionRule rule) => (rule.Backend is null ? 0 : 2) + (rule.Environment is null ? 0 : 1);
}
