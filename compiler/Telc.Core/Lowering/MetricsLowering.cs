using System.Collections.Immutable;
using Telc.Model;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Lowering;

/// <summary>A cluster's metrics section: its Prometheus servers with their scrape jobs, rule groups, retention and remote writes, and the node agents.</summary>
public static class MetricsLowering
{
    private static readonly Duration DefaultInterval = Duration.TryParse("30s")!;

    public static MetricsPlan Lower(
        SpecModel model, ClusterSpec cluster, string ns, (Resource Resource, BackendSpec Spec)[] backends, (Resource Resource, MetricPipelineSpec Spec)[] pipelines,
        RoutingPlan routing, ILookup<string, RuleGroupPlan> ruleGroups)
    {
        var prometheusBackends = backends.Where(b => b.Spec.Prometheus is not null).OrderBy(b => b.Resource.Name, StringComparer.Ordinal).ToArray();
        var prometheuses = prometheusBackends
            .Select(b => LowerPrometheus(model, cluster, ns, b.Resource, b.Spec.Prometheus!, pipelines, backends, routing.Alertmanagers, ruleGroups,
                firstByName: b.Resource == prometheusBackends[0].Resource))
            .ToImmutableArray();
        var wantsNode = pipelines.Where(p => p.Spec.Input.Node is { Enabled: true }).Select(p => p.Resource).FirstOrDefault();
        var wantsState = pipelines.Where(p => p.Spec.Input.KubeState is { Enabled: true }).Select(p => p.Resource).FirstOrDefault();
        return new MetricsPlan(prometheuses,
            wantsNode is null || prometheuses.IsEmpty ? null : new NodeAgentPlan("node-exporter", wantsNode),
            wantsState is null || prometheuses.IsEmpty ? null : new NodeAgentPlan("kube-state-metrics", wantsState));
    }

    private static PrometheusPlan LowerPrometheus(
        SpecModel model, ClusterSpec cluster, string ns, Resource backend, PrometheusBackend spec,
        (Resource Resource, MetricPipelineSpec Spec)[] pipelines, (Resource Resource, BackendSpec Spec)[] backends, ImmutableArray<AlertmanagerPlan> alertmanagers,
        ILookup<string, RuleGroupPlan> ruleGroups, bool firstByName)
    {
        var defaults = model.Project?.Defaults;
        var scrapeInterval = spec.ScrapeInterval ?? defaults?.ScrapeInterval ?? DefaultInterval;
        var externalWrites = backends.Where(b => b.Spec.External?.PrometheusRemoteWrite is not null).ToDictionary(b => b.Resource.Name, StringComparer.Ordinal);
        var jobs = ImmutableArray.CreateBuilder<ScrapeJobPlan>();
        var remoteWrites = ImmutableArray.CreateBuilder<RemoteWritePlan>();
        foreach (var (pipeline, pipelineSpec) in pipelines)
        {
            (Resource Resource, BackendSpec Spec) external = (null!, null!);
            var output = pipelineSpec.Output.Backend.Value;
            var shipsHere = output == backend.Name;
            // Pipelines bound for an external remote-write endpoint are scraped and shipped by one Prometheus per cluster, never
            // twice: the one the pipeline names, else the first by name.
            var scraper = pipelineSpec.ScrapedBy is { } scrapedBy ? scrapedBy.Value == backend.Name : firstByName;
            var shipsExternally = scraper && externalWrites.TryGetValue(output, out external);
            if (!shipsHere && !shipsExternally)
            {
                continue;
            }

            var pipelineJobs = ScrapeJobs(pipeline, pipelineSpec, pipelineSpec.ScrapeInterval ?? scrapeInterval).ToArray();
            jobs.AddRange(pipelineJobs);
            if (shipsExternally)
            {
                remoteWrites.Add(new RemoteWritePlan(external.Resource, external.Spec.External!.PrometheusRemoteWrite!, [.. pipelineJobs.Select(j => j.Name)],
                    pipelineSpec.Buffer?.QueueSize));
            }
        }

        var groups = ruleGroups[backend.Name].ToImmutableArray();

        var alertmanager = AlertmanagerPlan.For(spec.Alertmanager, alertmanagers);
        var targets = alertmanager?.ReplicaAddresses(ns) ?? [];

        var (retentionTime, retentionSize) = Retention(model, cluster, backend, spec);
        return new PrometheusPlan(backend, spec, ClusterLowering.ObjectName("prometheus", backend.Name), scrapeInterval,
            spec.EvaluationInterval ?? defaults?.EvaluationInterval ?? DefaultInterval, retentionTime, retentionSize,
            jobs.ToImmutable(), groups, alertmanager, targets, remoteWrites.ToImmutable());
    }

    private static IEnumerable<ScrapeJobPlan> ScrapeJobs(Resource pipeline, MetricPipelineSpec spec, Duration interval)
    {
        var input = spec.Input;
        var filter = spec.Filter;
        var namespaces = MergeNamespaces(input.Prometheus?.Namespaces, filter?.Namespaces);
        var selectsNoNamespace = input.Prometheus?.Namespaces is { Include.IsEmpty: false } wanted && filter?.Namespaces is { Include.IsEmpty: false } allowed
            && !wanted.Include.Intersect(allowed.Include).Any();
        ScrapeJobPlan Job(string suffix, ScrapeSource source, NamespaceSelector? selector = null, ScrapeSelector? scrape = null, Duration? every = null) =>
            new($"{pipeline.Name}/{suffix}", source, every ?? interval, pipeline, scrape, selector, filter);

        if (input.Prometheus is { Annotations: true } && !selectsNoNamespace)
        {
            yield return Job("pods", ScrapeSource.AnnotatedPods, namespaces);
            yield return Job("services", ScrapeSource.AnnotatedServices, namespaces);
        }

        foreach (var selector in selectsNoNamespace ? [] : input.Prometheus?.Selectors ?? [])
        {
            var selectorNamespaces = selector.Namespaces.IsEmpty ? namespaces : new NamespaceSelector(selector.Namespaces, namespaces?.Exclude ?? []);
            yield return Job(selector.Name, ScrapeSource.Selector, selectorNamespaces, selector, selector.Interval);
        }

        if (input.Runtime is { Enabled: true })
        {
            yield return Job("kubelet", ScrapeSource.Kubelet);
            yield return Job("cadvisor", ScrapeSource.Cadvisor);
        }

        if (input.Node is { Enabled: true })
        {
            yield return Job("node-exporter", ScrapeSource.NodeExporter);
        }

        if (input.KubeState is { Enabled: true })
        {
            yield return Job("kube-state-metrics", ScrapeSource.KubeStateMetrics);
        }

        if (input.Istio is { Enabled: true } && !selectsNoNamespace)
        {
            yield return Job("envoy", ScrapeSource.Envoy, namespaces);
        }
    }

    private static NamespaceSelector? MergeNamespaces(NamespaceSelector? input, NamespaceSelector? filter)
    {
        if (input is null || filter is null)
        {
            return input ?? filter;
        }

        var include = input.Include.IsEmpty ? filter.Include : filter.Include.IsEmpty ? input.Include : [.. input.Include.Intersect(filter.Include)];
        return new NamespaceSelector(include, [.. input.Exclude.Union(filter.Exclude).Order(StringComparer.Ordinal)]);
    }

    /// <summary>A matching metrics rule of a RetentionPolicy wins over the backend's own setting; backend-specific beats environment-wide.</summary>
    private static (Duration? Time, ByteSize? Size) Retention(SpecModel model, ClusterSpec cluster, Resource backend, PrometheusBackend spec)
    {
        var rule = StoresLowering.MostSpecificRule(model, cluster, backend, Signal.Metrics);
        return (rule?.Duration ?? spec.Retention?.Time, rule?.Size ?? spec.Retention?.Size);
    }
}
