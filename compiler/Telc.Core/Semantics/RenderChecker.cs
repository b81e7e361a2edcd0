using Telc.Diagnostics;
using System.Collections.Immutable;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>
/// Checks that need the per-cluster plan: scrape job and GitOps names that would collide or grow too long, settings
/// rendering needs, and configuration that would have no effect in any cluster. Run by validate too, so a spec that
/// validates also renders.
/// </summary>
public sealed class RenderChecker
{
    private const int MaxName = 63;

    private readonly List<Diagnostic> diagnostics = [];

    public static IReadOnlyList<Diagnostic> Check(SpecModel model, ImmutableArray<ClusterPlan> clusters)
    {
        var checker = new RenderChecker();
        checker.Run(model, clusters);
        return checker.diagnostics;
    }

    private void Run(SpecModel model, ImmutableArray<ClusterPlan> clusters)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            CheckNames(cluster, reported);
            foreach (var job in cluster.Metrics.Prometheuses.Where(p => p.Spec.Operator).SelectMany(p => p.Jobs)
                .Where(j => j.Selector is { Targets.IsDefaultOrEmpty: false, Auth: { BearerTokenSecretRef: null } auth } && (auth.ServiceAccountToken || auth.BearerTokenFile is not null)))
            {
                Once(reported, $"operator-token/{job.Name}", () => Add(DiagnosticCatalogue.MissingRenderSetting, job.Selector!.Auth!.Location,
                    $"the Prometheus Operator scrapes fixed targets through a ScrapeConfig, which takes a token only from a Secret (scrape job '{job.Selector.Name}')",
                    "use auth.bearerTokenSecretRef"));
            }

            foreach (var part in cluster.Collectors.All
                .Where(p => p.Logs is { DerivedMetrics.IsDefaultOrEmpty: false } && cluster.Collectors.MetricsStore is null))
            {
                Once(reported, $"derived-metrics/{part.Pipeline.Name}/{cluster.Name}", () => Add(DiagnosticCatalogue.MissingRenderSetting, part.Logs!.DerivedMetrics[0].Location,
                    $"the metrics derived by {part.Pipeline.DisplayName} need a Prometheus to go to in cluster '{cluster.Name}', and none runs there",
                    "deploy a Prometheus backend (without operator: true) to this cluster, or restrict the pipeline's clusters"));
            }

            foreach (var part in cluster.Collectors.All.Where(p => p.Via is { } via && !cluster.Stores.Kafkas.Any(k => k.Backend == via.Kafka)))
            {
                var via = part.SpecOutput.Via!;
                Once(reported, $"via/{part.Pipeline.Name}/{cluster.Name}", () => Add(DiagnosticCatalogue.MissingRenderSetting, via.Location,
                    $"{part.Pipeline.DisplayName} runs in cluster '{cluster.Name}' and passes through Kafka '{via.Value}', which is not deployed there",
                    "deploy the Kafka to that cluster too (its clusters), or limit the pipeline's clusters"));
            }

            foreach (var part in cluster.Collectors.All.Where(p => p.Output.Spec.External is null && !Lowering.ClusterLowering.AppliesTo(p.Output.Spec.Clusters, cluster.Name)))
            {
                var output = part.SpecOutput.Backend;
                Once(reported, $"output/{part.Pipeline.Name}/{cluster.Name}", () => Add(DiagnosticCatalogue.MissingRenderSetting, output.Location,
                    $"{part.Pipeline.DisplayName} runs in cluster '{cluster.Name}' and ships to backend '{output.Value}', which is not deployed there, so its data would go nowhere",
                    "deploy the backend to that cluster too (its clusters), or limit the pipeline's clusters to where the backend runs"));
            }

            foreach (var influxdb in cluster.Stores.InfluxDbs.Where(i => i.Retention is { } retention && retention.Value < InfluxDbPlan.ShortestRetention))
            {
                var rule = Lowering.StoresLowering.MostSpecificRule(model, (ClusterSpec)cluster.Cluster.Spec, influxdb.Backend, Signal.Metrics);
                Once(reported, $"influxdb-retention/{influxdb.Backend.Name}/{cluster.Name}", () => Add(DiagnosticCatalogue.InvalidForConsumer, rule?.Location ?? influxdb.Backend.Location,
                    $"InfluxDB '{influxdb.Backend.Name}' would keep metrics for {influxdb.Retention!.Text} in cluster '{cluster.Name}', and InfluxDB keeps a bucket's data for at least an hour",
                    "give the rule a duration of 1h or more"));
            }

            foreach (var loki in cluster.Stores.Lokis.Where(l => l.Ruler is { Alerts: true, AlertmanagerUrls.IsEmpty: true }))
            {
                AlertsGoNowhere(reported, cluster.Name, "Loki", loki.Backend, loki.Spec.Alertmanager);
            }

            foreach (var loki in cluster.Stores.Lokis.Where(l => l.Ruler is { Records: true, RecordsTo: null }))
            {
                var group = loki.Ruler!.Groups.First(g => g.Spec.Rules.Any(r => r.Record is not null));
                Once(reported, $"loki-records/{loki.Backend.Name}/{cluster.Name}", () => Add(DiagnosticCatalogue.MissingRenderSetting, group.Group.Location,
                    $"the recording rules of {group.Group.DisplayName} write their series to a Prometheus, and none that telc runs is in cluster '{cluster.Name}'",
                    "deploy a Prometheus backend (without operator: true) to this cluster, or record in a Prometheus rule instead"));
            }

            foreach (var tempo in cluster.Stores.Tempos.Where(t => t.GeneratesMetrics && t.MetricsStore is null))
            {
                Once(reported, $"tempo-generator/{tempo.Backend.Name}/{cluster.Name}", () => Add(DiagnosticCatalogue.MissingRenderSetting, tempo.Spec.MetricsGenerator!.Location,
                    $"the metrics Tempo '{tempo.Backend.Name}' generates from spans need a Prometheus to go to in cluster '{cluster.Name}', and none runs there",
                    "deploy a Prometheus backend (without operator: true) to this cluster, restrict the Tempo's clusters, or leave out metricsGenerator"));
            }

            foreach (var zipkin in cluster.Stores.Zipkins.Where(z => z.Spec.Elasticsearch is not null && z.Store is null))
            {
                Once(reported, $"zipkin-store/{zipkin.Backend.Name}/{cluster.Name}", () => Add(DiagnosticCatalogue.MissingRenderSetting, zipkin.Spec.Elasticsearch!.Location,
                    $"Zipkin '{zipkin.Backend.Name}' stores its spans in Elasticsearch '{zipkin.Spec.Elasticsearch.Value}', which is not deployed to cluster '{cluster.Name}'",
                    "deploy that Elasticsearch to the cluster too, restrict the Zipkin's clusters, or leave out elasticsearch to keep spans in memory"));
            }

            foreach (var shared in cluster.Stores.Zipkins.Where(z => z.Store is not null).GroupBy(z => z.Store!.Backend.Name).Where(g => g.Count() > 1))
            {
                var second = shared.ElementAt(1);
                Once(reported, $"zipkin-shared/{second.Backend.Name}", () => Add(DiagnosticCatalogue.CannotRender, second.Spec.Elasticsearch!.Location,
                    $"Zipkin '{second.Backend.Name}' and Zipkin '{shared.First().Backend.Name}' would both store their spans in Elasticsearch '{shared.Key}' in cluster '{cluster.Name}', in the same zipkin-* indices",
                    "give each Zipkin an Elasticsearch of its own, or deploy them to different clusters"));
            }

            foreach (var grafana in cluster.Grafanas)
            {
                foreach (var datasource in grafana.Spec.Datasources.Where(d => !grafana.Datasources.Any(b => b.Name == d.Value)))
                {
                    Once(reported, $"grafana-datasource/{grafana.Backend.Name}/{datasource.Value}/{cluster.Name}", () => Add(DiagnosticCatalogue.MissingRenderSetting, datasource.Location,
                        $"Grafana '{grafana.Backend.Name}' runs in cluster '{cluster.Name}' and reads backend '{datasource.Value}', which is not deployed there, so its datasource would answer nothing",
                        "deploy the backend to that cluster too (its clusters), limit the Grafana's clusters, or leave the backend out of datasources"));
                }
            }

            foreach (var prometheus in cluster.Metrics.Prometheuses.Where(p => p.AlertmanagerTargets.IsEmpty && p.RuleGroups.Any(g => g.Spec.Rules.Any(r => r.Alert is not null))))
            {
                AlertsGoNowhere(reported, cluster.Name, "Prometheus", prometheus.Backend, prometheus.Spec.Alertmanager);
            }
        }

        foreach (var (pipeline, spec) in model.OfKind<MetricPipelineSpec>())
        {
            if (spec.Input.Prometheus?.Namespaces is { Include.IsEmpty: false } input && spec.Filter?.Namespaces is { Include.IsEmpty: false } filter
                && !input.Include.Intersect(filter.Include).Any())
            {
                Add(DiagnosticCatalogue.GoesNowhere, filter.Location, "the filter's namespaces and the input's namespaces have none in common, so nothing is scraped",
                    "list the namespaces once, in the input");
                continue;
            }

            if (spec.ScrapedBy is { } scrapedBy)
            {
                CheckScrapedBy(model, clusters, pipeline, spec, scrapedBy);
            }

            var scraped = clusters.Any(c => c.Metrics.Prometheuses.Any(p => p.Jobs.Any(j => j.Pipeline == pipeline)));
            if (CollectorPipelineChecks.HasPullInputs(spec.Input) && !scraped)
            {
                Add(DiagnosticCatalogue.GoesNowhere, pipeline.Location, $"no Prometheus in any cluster scrapes MetricPipeline '{pipeline.Name}'",
                    "its output must be a Prometheus deployed to the pipeline's clusters, or an external remote-write endpoint used from a cluster that runs a Prometheus");
            }
        }

        CheckGitOps(model);
        CheckOperatorAuth(model);
        CheckRetentionConflicts(model);
    }

    /// <summary>scrapedBy chooses the Prometheus that ships a remote-write pipeline: it must be one, and deployed where the pipeline runs.</summary>
    private void CheckScrapedBy(SpecModel model, ImmutableArray<ClusterPlan> clusters, Resource pipeline, MetricPipelineSpec spec, Located<string> scrapedBy)
    {
        var output = spec.Output.Backend.Value;
        if (!model.OfKind<BackendSpec>().Any(b => b.Resource.Name == output && b.Spec.External?.PrometheusRemoteWrite is not null))
        {
            Add(DiagnosticCatalogue.GoesNowhere, scrapedBy.Location,
                $"scrapedBy has no effect: the output '{output}' is not an external remote-write endpoint, so the pipeline's own backend collects it",
                "remove scrapedBy");
            return;
        }

        foreach (var cluster in clusters.Where(c => spec.Clusters.IsDefaultOrEmpty || spec.Clusters.Any(n => n.Value == c.Name)))
        {
            if (!cluster.Metrics.Prometheuses.Any(p => p.Backend.Name == scrapedBy.Value))
            {
                Add(DiagnosticCatalogue.GoesNowhere, scrapedBy.Location,
                    $"Prometheus '{scrapedBy.Value}' is not deployed to cluster '{cluster.Name}', so MetricPipeline '{pipeline.Name}' is not shipped from there",
                    "deploy that Prometheus to the cluster, or limit the pipeline's clusters");
            }
        }
    }

    /// <summary>Names that are not Kubernetes objects (those are checked as emitted, by RenderedNameChecks): scrape jobs and GitOps objects.</summary>
    private void CheckNames(ClusterPlan cluster, HashSet<string> reported)
    {
        foreach (var prometheus in cluster.Metrics.Prometheuses)
        {
            foreach (var job in prometheus.Jobs.GroupBy(j => j.Name).Where(g => g.Count() > 1))
            {
                Once(reported, "job/" + job.Key, () => Add(DiagnosticCatalogue.RenderedNameConflict, job.First().Selector?.Location ?? job.First().Pipeline.Location,
                    $"two scrape jobs would be named '{job.Key}'", "selector names must differ from the built-in jobs (pods, services, kubelet, cadvisor, node-exporter, kube-state-metrics, envoy)"));
            }
        }

        if ($"telemetry-{cluster.Name}".Length > MaxName)
        {
            Add(DiagnosticCatalogue.RenderedNameTooLong, cluster.Cluster.Location,
                $"the GitOps object 'telemetry-{cluster.Name}' would be longer than {MaxName} characters", "shorten the cluster name");
        }
    }

    private void CheckGitOps(SpecModel model)
    {
        if (model.Project?.GitOps is { Flavour: not GitOpsFlavour.None, RepoUrl: null } gitOps)
        {
            Add(DiagnosticCatalogue.MissingRenderSetting, gitOps.Location,
                $"{(gitOps.Flavour == GitOpsFlavour.Flux ? "Flux" : "Argo CD")} needs the git repository that holds the rendered manifests", "set 'repoUrl' under gitOps");
        }
    }

    private void CheckOperatorAuth(SpecModel model)
    {
        var operatorBackends = model.OfKind<BackendSpec>().Where(b => b.Spec.Prometheus is { Operator: true }).ToArray();
        if (operatorBackends.Length == 0)
        {
            return;
        }

        foreach (var (_, backend) in model.OfKind<BackendSpec>())
        {
            if (backend.External?.PrometheusRemoteWrite?.Auth?.Basic is { UserSecretRef: null } basic)
            {
                Add(DiagnosticCatalogue.MissingRenderSetting, basic.Location,
                    "the Prometheus Operator reads a basic-auth user name only from a Secret", "use 'userSecretRef' instead of 'username'");
            }
        }
    }

    /// <summary>Two metrics rules that match the same backend and environment equally well leave the winner to file order.</summary>
    private void CheckRetentionConflicts(SpecModel model)
    {
        var rules = model.OfKind<RetentionPolicySpec>().SelectMany(p => p.Spec.Rules).Where(r => r.Signal == Signal.Metrics && r.Team is null);
        foreach (var group in rules.GroupBy(r => (r.Environment?.Value, r.Backend?.Value)).Where(g => g.Count() > 1))
        {
            var second = group.ElementAt(1);
            Add(DiagnosticCatalogue.GoesNowhere, second.Location,
                $"another metrics retention rule already covers {(group.Key.Item1 ?? "every environment")} and {(group.Key.Item2 is { } backend ? $"backend '{backend}'" : "every backend")}; only the first counts",
                "remove one of the two rules");
        }
    }

    /// <summary>A ruler whose alerts no Alertmanager in the cluster receives: the one it names is not there, or there is none (or several) to choose.</summary>
    private void AlertsGoNowhere(HashSet<string> reported, string cluster, string ruler, Resource backend, Located<string>? alertmanager) =>
        Once(reported, $"no-alertmanager/{backend.Name}/{cluster}", () => Add(DiagnosticCatalogue.GoesNowhere, backend.Location,
            $"the alerts of {ruler} '{backend.Name}' reach no Alertmanager in cluster '{cluster}'",
            alertmanager is { } named
                ? $"Alertmanager '{named.Value}' is not deployed to '{cluster}'; deploy it there or name one that is"
                : "deploy an Alertmanager to this cluster, or name one with 'alertmanager'"));

    private static void Once(HashSet<string> reported, string key, Action report)
    {
        if (reported.Add(key))
        {
            report();
        }
    }

    private void Add(DiagnosticDescriptor descriptor, Text.SourceLocation location, string message, string? hint) =>
        diagnostics.Add(Diagnostic.At(descriptor, location, message, hint));
}
