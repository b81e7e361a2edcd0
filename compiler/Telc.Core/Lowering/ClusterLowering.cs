using System.Collections.Immutable;
using Telc.Model;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Lowering;

/// <summary>Lowers a checked spec to one <see cref="ClusterPlan"/> per cluster. Pure: the model in, plans out.</summary>
public static class ClusterLowering
{
    private static readonly Duration DefaultInterval = Duration.TryParse("30s")!;

    public static ImmutableArray<ClusterPlan> Lower(SpecModel model) =>
        [.. model.OfKind<ClusterSpec>().OrderBy(c => c.Resource.Name, StringComparer.Ordinal).Select(c => LowerCluster(model, c.Resource, c.Spec))];

    private static ClusterPlan LowerCluster(SpecModel model, Resource cluster, ClusterSpec spec)
    {
        var defaults = model.Project?.Defaults;
        var name = cluster.Name;
        var backends = model.OfKind<BackendSpec>().Where(b => AppliesTo(b.Spec.Clusters, name)).OrderBy(b => b.Resource.Name, StringComparer.Ordinal).ToArray();
        var pipelines = model.OfKind<MetricPipelineSpec>().Where(p => AppliesTo(p.Spec.Clusters, name)).OrderBy(p => p.Resource.Name, StringComparer.Ordinal).ToArray();
        var alertmanagers = backends.Where(b => b.Spec.Alertmanager is not null)
            .Select(b => LowerAlertmanager(model, b.Resource, b.Spec.Alertmanager!))
            .ToImmutableArray();
        var ns = spec.Namespace ?? defaults?.Namespace ?? "telemetry";
        var prometheusBackends = backends.Where(b => b.Spec.Prometheus is not null).OrderBy(b => b.Resource.Name, StringComparer.Ordinal).ToArray();
        var prometheuses = prometheusBackends
            .Select(b => LowerPrometheus(model, spec, ns, b.Resource, b.Spec.Prometheus!, pipelines, backends, alertmanagers,
                firstByName: b.Resource == prometheusBackends[0].Resource))
            .ToImmutableArray();
        var wantsNode = pipelines.Where(p => p.Spec.Input.Node is { Enabled: true }).Select(p => p.Resource).FirstOrDefault();
        var wantsState = pipelines.Where(p => p.Spec.Input.KubeState is { Enabled: true }).Select(p => p.Resource).FirstOrDefault();
        var labels = spec.ExternalLabels.ContainsKey("cluster") ? spec.ExternalLabels : spec.ExternalLabels.Add("cluster", name);
        return new ClusterPlan(cluster, name, ns, spec.Environment.Value, model.TierOf(spec.Environment.Value) ?? EnvironmentTier.Production, spec.Platform, labels, prometheuses, alertmanagers,
            wantsNode is null || prometheuses.IsEmpty ? null : new NodeAgentPlan("node-exporter", wantsNode),
            wantsState is null || prometheuses.IsEmpty ? null : new NodeAgentPlan("kube-state-metrics", wantsState));
    }

    private static PrometheusPlan LowerPrometheus(
        SpecModel model, ClusterSpec cluster, string ns, Resource backend, PrometheusBackend spec,
        (Resource Resource, MetricPipelineSpec Spec)[] pipelines, (Resource Resource, BackendSpec Spec)[] backends, ImmutableArray<AlertmanagerPlan> alertmanagers,
        bool firstByName)
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

        var unnamedGoTo = BackendTypes.Default(model, BackendUse.Rules);
        var groups = model.OfKind<AlertGroupSpec>()
            .Where(g => (g.Spec.Backend?.Value ?? unnamedGoTo) == backend.Name)
            .OrderBy(g => g.Resource.Name, StringComparer.Ordinal)
            .Select(g => new RuleGroupPlan(g.Resource, g.Spec, g.Resource.Name + ".yaml", [.. g.Spec.Rules.Select(r => RuleLabels.Lower(g.Resource, r))]))
            .ToImmutableArray();

        var alertmanager = spec.Alertmanager is { } named
            ? alertmanagers.FirstOrDefault(a => a.Backend.Name == named.Value)
            : alertmanagers.Length == 1 ? alertmanagers[0] : null;
        var targets = alertmanager is null
            ? ImmutableArray<string>.Empty
            : [.. Enumerable.Range(0, alertmanager.Spec.Replicas).Select(i => $"{alertmanager.ObjectName}-{i}.{alertmanager.ObjectName}.{ns}.svc:9093")];

        var (retentionTime, retentionSize) = Retention(model, cluster, backend, spec);
        return new PrometheusPlan(backend, spec, ObjectName("prometheus", backend.Name), scrapeInterval,
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
        var rule = model.OfKind<RetentionPolicySpec>()
            .SelectMany(p => p.Spec.Rules)
            .Where(r => r.Signal == Signal.Metrics && r.Team is null)
            .Where(r => r.Environment is null || r.Environment.Value == cluster.Environment.Value)
            .Where(r => r.Backend is null || r.Backend.Value == backend.Name)
            .OrderByDescending(r => (r.Backend is null ? 0 : 2) + (r.Environment is null ? 0 : 1))
            .FirstOrDefault();
        return (rule?.Duration ?? spec.Retention?.Time, rule?.Size ?? spec.Retention?.Size);
    }

    private static AlertmanagerPlan LowerAlertmanager(SpecModel model, Resource backend, AlertmanagerBackend spec)
    {
        var unnamedGoTo = BackendTypes.Default(model, BackendUse.Alertmanager);
        var routing = model.OfKind<AlertRoutingSpec>()
            .Where(r => (r.Spec.Backend?.Value ?? unnamedGoTo) == backend.Name)
            .OrderBy(r => r.Resource.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return new AlertmanagerPlan(backend, spec, ObjectName("alertmanager", backend.Name), routing.Resource, routing.Spec,
            routing.Spec is null ? [] : [.. routing.Spec.Routes, .. TeamRoutes.For(model, routing.Spec)]);
    }

    private static bool AppliesTo(ImmutableArray<Located<string>> clusters, string cluster) =>
        clusters.IsDefaultOrEmpty || clusters.Any(c => c.Value == cluster);

    /// <summary>Object names say what runs and which backend it is: prometheus-metrics, alertmanager-alerts.</summary>
    public static string ObjectName(string type, string backend) => backend == type || backend.StartsWith(type + "-", StringComparison.Ordinal) ? backend : $"{type}-{backend}";
}
