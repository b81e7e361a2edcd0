using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Model;

/// <summary>One Prometheus server of a cluster, with what it scrapes, evaluates and ships.</summary>
public sealed record PrometheusPlan(
    Resource Backend,
    PrometheusBackend Spec,
    string ObjectName,
    Duration ScrapeInterval,
    Duration EvaluationInterval,
    Duration? RetentionTime,
    ByteSize? RetentionSize,
    ImmutableArray<ScrapeJobPlan> Jobs,
    ImmutableArray<RuleGroupPlan> RuleGroups,
    AlertmanagerPlan? Alertmanager,
    ImmutableArray<string> AlertmanagerTargets,
    ImmutableArray<RemoteWritePlan> RemoteWrites);

/// <summary>Where a scrape job finds its targets.</summary>
public enum ScrapeSource
{
    AnnotatedPods,
    AnnotatedServices,
    Kubelet,
    Cadvisor,
    NodeExporter,
    KubeStateMetrics,
    Envoy,
    Selector,
}

/// <summary>One scrape job with the filters of the pipeline it comes from.</summary>
public sealed record ScrapeJobPlan(
    string Name,
    ScrapeSource Source,
    Duration Interval,
    Resource Pipeline,
    ScrapeSelector? Selector,
    NamespaceSelector? Namespaces,
    MetricFilter? Filter);

/// <summary>One rule group, from an AlertGroup.</summary>
public sealed record RuleGroupPlan(Resource Group, AlertGroupSpec Spec, string FileName, ImmutableArray<RulePlan> Rules);

/// <summary>
/// A rule with the labels it is rendered with: its own, plus severity and the owning team's <c>team</c> label for
/// alerts. Routing is decided on these, so the emitters and the routing checks read them from here.
/// </summary>
public sealed record RulePlan(Rule Rule, ImmutableSortedDictionary<string, string> Labels);

/// <summary>Shipping the series of some jobs to an external Prometheus-compatible endpoint.</summary>
public sealed record RemoteWritePlan(Resource Backend, HttpEndpoint Endpoint, ImmutableArray<string> JobNames, int? QueueCapacity);

/// <summary>
/// An Alertmanager of a cluster and the routing it serves. <paramref name="Routes"/> are the AlertRouting's routes
/// followed by the routes made from Team receivers (a team's critical alerts, then the rest of its alerts).
/// </summary>
public sealed record AlertmanagerPlan(
    Resource Backend, AlertmanagerBackend Spec, string ObjectName, Resource? Routing, AlertRoutingSpec? RoutingSpec, ImmutableArray<Route> Routes)
{
    /// <summary>Every replica's address (host:port), for a ruler to send to each: they deduplicate and gossip among themselves.</summary>
    public ImmutableArray<string> ReplicaAddresses(string ns) =>
        [.. Enumerable.Range(0, Spec.Replicas).Select(i => $"{ObjectName}-{i}.{ObjectName}.{ns}.svc:9093")];

    /// <summary>The Alertmanager a ruler sends to: the one it names, else the cluster's only one.</summary>
    public static AlertmanagerPlan? For(Located<string>? named, ImmutableArray<AlertmanagerPlan> alertmanagers) =>
        named is not null ? alertmanagers.FirstOrDefault(a => a.Backend.Name == named.Value) : alertmanagers.Length == 1 ? alertmanagers[0] : null;
}

/// <summary>node-exporter or kube-state-metrics, deployed once per cluster when a pipeline wants its metrics.</summary>
public sealed record NodeAgentPlan(string ObjectName, Resource RequestedBy);
