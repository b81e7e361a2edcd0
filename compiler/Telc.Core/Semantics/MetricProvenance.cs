using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Telc.Dashboards;
using Telc.Diagnostics;
using Telc.Lowering;
using Telc.PromQL;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>
/// Where the metrics a rule selects come from, in each cluster its Prometheus runs in: a preset that declares them
/// (switched on there), the pipeline input of their exporter (node_*, kube_* …), a recording rule, a log pipeline that
/// derives them. A metric telc knows of that none of these delivers, one a pipeline's filter drops, a recorded name no
/// rule records, and a misspelling of a known name are reported at the selector; an application's own metrics, which
/// telc cannot know, are not.
/// </summary>
public sealed class MetricProvenance
{
    /// <summary>Series every Prometheus makes itself, for every target and alert.</summary>
    private static readonly HashSet<string> Synthetic = new(StringComparer.Ordinal)
    {
        "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE",
    };

    /// <summary>
    /// First words of metric names that many programs use (http_request_duration_seconds, process_cpu_seconds_total):
    /// a preset declaring such a name does not make it the preset's, since an application scraped by annotation may
    /// expose it too.
    /// </summary>
    private static readonly HashSet<string> SharedFirstWords = new(StringComparer.Ordinal)
    {
        "http", "grpc", "process", "go", "promhttp", "rest", "workqueue", "net", "tcp", "jvm", "sql", "db", "cache", "request", "requests",
        "build", "version", "system", "controller", "leader", "certwatcher", "otel", "target", "python", "nodejs", "dotnet", "runtime",
    };

    private readonly SpecModel model;
    private readonly Dictionary<(string Cluster, string Prometheus), Delivery> deliveries = [];
    private readonly Dictionary<string, VectorSelector[]> selectors = new(StringComparer.Ordinal);
    private readonly string[] known;
    private readonly ImmutableHashSet<string> derived;

    private MetricProvenance(SpecModel model)
    {
        this.model = model;
        derived = [.. model.OfKind<LogPipelineSpec>().SelectMany(p => p.Spec.DerivedMetrics.IsDefault ? [] : p.Spec.DerivedMetrics)
            .SelectMany(m => m.Type == DerivedMetricType.Histogram ? [m.Name + "_bucket", m.Name + "_sum", m.Name + "_count"] : new[] { m.Name })];
        known = [.. model.Vocabulary.Sources.Keys.Where(IsDistinctive)];
    }

    public static IReadOnlyList<Diagnostic> Check(SpecModel model) => new MetricProvenance(model).Run();

    /// <summary>The provenance of metrics in a spec, for checks of other queries (dashboard panels) to ask.</summary>
    public static MetricProvenance For(SpecModel model) => new(model);

    /// <summary>Why a metric a query on a Prometheus selects does not arrive there in a cluster; null when it does, or when telc cannot know.</summary>
    public Gap? Explain(string cluster, string prometheus, string metric) => Synthetic.Contains(metric) ? null : DeliveryTo(cluster, prometheus).Explain(metric);

    /// <summary>Whether a name says which program makes it (etcd_server_has_leader), unlike one many programs share (http_requests_total).</summary>
    private static bool IsDistinctive(string metric) => !SharedFirstWords.Contains(metric.Split('_')[0]);

    private List<Diagnostic> Run()
    {
        var prometheuses = model.OfKind<BackendSpec>().Where(b => b.Spec.Prometheus is not null)
            .DistinctBy(b => b.Resource.Name, StringComparer.Ordinal) // a duplicate name is reported elsewhere
            .ToDictionary(b => b.Resource.Name, b => b.Spec, StringComparer.Ordinal);
        var clusters = model.OfKind<ClusterSpec>().Select(c => c.Resource.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var unnamedGoTo = BackendTypes.Default(model, BackendUse.Rules);
        var findings = new List<Diagnostic>();
        string[] Where(Resource resource, string prometheus) =>
            [.. clusters.Where(c => resource.AppliesTo(c) && ClusterLowering.AppliesTo(prometheuses[prometheus].Clusters, c))];

        foreach (var (group, spec) in model.OfKind<AlertGroupSpec>())
        {
            if ((spec.Backend?.Value ?? unnamedGoTo) is { } prometheus && prometheuses.ContainsKey(prometheus))
            {
                var where = Where(group, prometheus);
                foreach (var rule in spec.Rules)
                {
                    Report(rule.Expr, rule.Expr.Value, $"{(rule.Alert is not null ? "alert" : "recording rule")} '{rule.Name.Value}'", "the rule sees", prometheus, where, findings);
                }
            }
        }

        foreach (var (slo, spec) in model.OfKind<SloSpec>())
        {
            if ((spec.Backend?.Value ?? unnamedGoTo) is { } prometheus && prometheuses.ContainsKey(prometheus))
            {
                foreach (var query in new[] { spec.Sli.ErrorQuery, spec.Sli.TotalQuery })
                {
                    Report(query, QueryChecker.WithWindow(query.Value), $"SLO '{slo.Name}'", "its indicator sees", prometheus, Where(slo, prometheus), findings);
                }
            }
        }

        return findings;
    }

    /// <summary>Each selector of a query whose metric does not arrive in some of the clusters, once per reason, at the selector.</summary>
    /// <param name="text">The query as parsed: the same length as the query's own text, so positions stay right.</param>
    private void Report(Located<string> query, string text, string user, string sees, string prometheus, string[] clusters, List<Diagnostic> findings)
    {
        foreach (var selector in Selectors(text).Where(s => s.Name is { } name && !Synthetic.Contains(name)))
        {
            var verdicts = clusters.Select(c => (Cluster: c, Gap: DeliveryTo(c, prometheus).Explain(selector.Name!)))
                .Where(v => v.Gap is not null)
                .GroupBy(v => v.Gap!)
                .OrderBy(g => g.First().Cluster, StringComparer.Ordinal);
            foreach (var gap in verdicts)
            {
                var inClusters = gap.Count() == 1 ? $"cluster '{gap.First().Cluster}'" : $"clusters {string.Join(", ", gap.Select(v => $"'{v.Cluster}'"))}";
                findings.Add(Diagnostic.At(DiagnosticCatalogue.MetricNotDelivered,
                    query.Location.File.Locate(ScalarOffsets.Map(query.Location, query.Value, selector.Span)),
                    $"{user} selects '{selector.Name}', {gap.Key.Why} in {inClusters}, so {sees} no data there",
                    gap.Key.Hint));
            }
        }
    }

    private VectorSelector[] Selectors(string expr)
    {
        if (!selectors.TryGetValue(expr, out var found))
        {
            selectors[expr] = found = Parser.Parse(expr) is { Success: true, Root: { } root } ? [.. ExprWalker.Selectors(root)] : [];
        }

        return found;
    }

    private Delivery DeliveryTo(string cluster, string prometheus)
    {
        if (!deliveries.TryGetValue((cluster, prometheus), out var delivery))
        {
            deliveries[(cluster, prometheus)] = delivery = new Delivery(model, cluster, prometheus, derived, known);
        }

        return delivery;
    }

    /// <summary>Why a metric does not arrive, and what to do about it.</summary>
    public sealed record Gap(string Why, string Hint);

    /// <summary>What the pipelines, presets and rules feeding one Prometheus in one cluster deliver.</summary>
    private sealed class Delivery
    {
        private readonly string prometheus;
        private readonly (Resource Pipeline, MetricPipelineSpec Spec)[] pipelines;
        private readonly ImmutableSortedSet<string> presets;

        /// <summary>Names the spec's own scrape jobs give what they scrape (job nats, matchLabels app: nats): a preset of that name's metrics come from there.</summary>
        private readonly ImmutableSortedSet<string> scrapedComponents;
        private readonly HashSet<string> recorded;
        private readonly ImmutableHashSet<string> derived;
        private readonly string[] known;
        private readonly Dictionary<string, Gap?> verdicts = new(StringComparer.Ordinal);
        private readonly SpecModel model;

        public Delivery(SpecModel model, string cluster, string prometheus, ImmutableHashSet<string> derived, string[] known)
        {
            this.model = model;
            this.prometheus = prometheus;
            this.derived = derived;
            this.known = known;
            pipelines = [.. model.OfKind<MetricPipelineSpec>().Where(p => p.Resource.Origin is null && ClusterLowering.AppliesTo(p.Spec.Clusters, cluster)
                && (p.Spec.Output.Backend.Value == prometheus || p.Spec.ScrapedBy?.Value == prometheus))];
            scrapedComponents = [.. pipelines.SelectMany(p => p.Spec.Input.Prometheus?.Selectors is { IsDefault: false } selectors ? selectors : [])
                .SelectMany(s => s.MatchLabels.Values.Append(s.Name))];
            presets = [.. model.Resources.Where(r => r.Origin is { } origin && origin.Clusters.Contains(cluster) && Target(r) == prometheus).Select(r => r.Origin!.Preset)];
            var unnamedGoTo = BackendTypes.Default(model, BackendUse.Rules);
            recorded = [.. model.OfKind<AlertGroupSpec>().Where(g => g.Resource.AppliesTo(cluster) && (g.Spec.Backend?.Value ?? unnamedGoTo) == prometheus)
                .SelectMany(g => g.Spec.Rules).Select(r => r.Record?.Value).OfType<string>()];
        }

        public Gap? Explain(string metric)
        {
            if (!verdicts.TryGetValue(metric, out var gap))
            {
                verdicts[metric] = gap = Find(metric);
            }

            return gap;
        }

        private Gap? Find(string metric)
        {
            if (recorded.Contains(metric) || derived.Contains(metric))
            {
                return null;
            }

            if (metric.Contains(':', StringComparison.Ordinal))
            {
                return new Gap($"which no recording rule of '{prometheus}' records",
                    Suggestions.Closest(metric, recorded) is { } closest ? $"did you mean '{closest}'?" : "add the recording rule, or select a series that exists");
            }

            var declaring = model.Vocabulary.Declaring(metric);
            if (declaring.Overlaps(presets) || declaring.Overlaps(scrapedComponents))
            {
                return null;
            }

            var exporter = MetricSources.Of(metric);
            var collecting = exporter is null ? [] : pipelines.Where(p => exporter.Collects(p.Spec.Input)).ToArray();
            if (collecting.Length > 0)
            {
                return Dropped(metric, collecting);
            }

            if (exporter is not null)
            {
                return new Gap($"which comes from {exporter.Exporter}, and no MetricPipeline collects input.{exporter.Input} into '{prometheus}'",
                    $"set input.{exporter.Input} in a MetricPipeline of the cluster whose output is '{prometheus}'");
            }

            var scraping = pipelines.Where(p => p.Spec.Input.Prometheus is not null || p.Spec.Input.Otlp is { Enabled: true }).ToArray();
            if (!declaring.IsEmpty && (scraping.Length == 0 || IsDistinctive(metric)))
            {
                var names = string.Join(" or ", declaring.Select(p => $"'{p}'"));
                return new Gap($"which comes from preset {names}, not switched on for '{prometheus}' (or with its control-plane parts off)",
                    $"switch the preset on in the Cluster or the Project (`telc presets show {declaring.Min}` says what it adds), or waive TELC233 for the rule if the metric arrives another way");
            }

            // An application's own metric, or a misspelt known one.
            if (scraping.Length > 0 && Dropped(metric, scraping) is { } dropped)
            {
                return dropped;
            }

            return Misspelt(metric) is { } typo
                ? new Gap($"which no preset, exporter or rule telc knows delivers", $"did you mean '{typo}'?")
                : null;
        }

        /// <summary>The metric as every pipeline that would deliver it drops it, or null when one keeps it.</summary>
        private static Gap? Dropped(string metric, (Resource Pipeline, MetricPipelineSpec Spec)[] delivering)
        {
            var drops = delivering.Select(p => (p.Pipeline, Pattern: (p.Spec.Filter?.DropMetrics ?? []).FirstOrDefault(d => Matches(d, metric)))).ToArray();
            if (drops.Any(d => d.Pattern is null))
            {
                return null;
            }

            var (pipeline, pattern) = drops[0];
            return new Gap($"which MetricPipeline '{pipeline.Name}' drops (filter.dropMetrics '{pattern}')", "narrow the pattern so it keeps the metric, or stop selecting it");
        }

        private static bool Matches(string pattern, string metric)
        {
            try
            {
                return Regex.IsMatch(metric, $"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
            {
                return false; // a pattern .NET cannot read is reported where the filter is checked
            }
        }

        /// <summary>
        /// The known name a metric is one or two edits away from, when it is long enough for that to be a slip rather than
        /// another metric; names that differ only in digits (node_load1, node_load5) are different metrics.
        /// </summary>
        private string? Misspelt(string metric) => metric.Length < 10 || !IsDistinctive(metric) ? null : known
            .Where(k => Math.Abs(k.Length - metric.Length) <= 2 && !OnlyDigitsDiffer(metric, k) && Suggestions.Distance(metric, k) <= 2)
            .OrderBy(k => Suggestions.Distance(metric, k)).ThenBy(k => k, StringComparer.Ordinal)
            .FirstOrDefault();

        private static bool OnlyDigitsDiffer(string a, string b) =>
            a.Length == b.Length && a.Zip(b).All(p => p.First == p.Second || (char.IsAsciiDigit(p.First) && char.IsAsciiDigit(p.Second)));

        /// <summary>The Prometheus a preset's resource feeds: its rules' evaluator or its scrape pipeline's output.</summary>
        private static string? Target(Resource resource) => resource.Spec switch
        {
            AlertGroupSpec group => group.Backend?.Value,
            MetricPipelineSpec pipeline => pipeline.Output.Backend.Value,
            _ => null,
        };
    }
}
