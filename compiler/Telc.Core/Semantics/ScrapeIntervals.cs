using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Semantics;

/// <summary>
/// The scrape interval behind each metric a Prometheus backend evaluates queries over: the longest among the scrape
/// jobs of the pipelines that feed it and can carry the metric. A job carries a metric when its input can produce the
/// name (node-exporter <c>node_*</c>, kube-state-metrics <c>kube_*</c>, kubelet and cAdvisor, Istio; annotation and
/// selector pulls anything but recording-rule names, which hold a colon) and the pipeline does not drop it. Names no job carries — recording-rule outputs, pushed
/// OTLP metrics — are read at the backend's own interval, as are all names when no pipeline feeds the backend.
/// </summary>
public sealed class ScrapeIntervals
{
    private static readonly Duration DefaultInterval = Duration.TryParse("30s")!;

    private readonly Duration backendInterval;
    private readonly ImmutableArray<ScrapeSource> sources;

    private ScrapeIntervals(Duration backendInterval, ImmutableArray<ScrapeSource> sources)
    {
        this.backendInterval = backendInterval;
        this.sources = sources;
    }

    /// <summary>The intervals of one backend's metrics, or of every Prometheus backend's when it is not known (dashboards).</summary>
    public static ScrapeIntervals For(SpecModel model, string? backend)
    {
        var fallback = model.Project?.Defaults?.ScrapeInterval ?? DefaultInterval;
        var prometheusIntervals = model.OfKind<BackendSpec>()
            .Where(b => b.Spec.Prometheus is not null)
            .DistinctBy(b => b.Resource.Name, StringComparer.Ordinal) // a duplicate is reported elsewhere
            .ToDictionary(b => b.Resource.Name, b => b.Spec.Prometheus!.ScrapeInterval ?? fallback, StringComparer.Ordinal);
        var own = backend is null
            ? prometheusIntervals.Values.MaxBy(d => d.Value) ?? fallback
            : prometheusIntervals.GetValueOrDefault(backend, fallback);
        var sources = model.OfKind<MetricPipelineSpec>()
            .Where(p => backend is null || p.Spec.Output.Backend.Value == backend)
            .SelectMany(p => Sources(p.Spec, p.Spec.ScrapeInterval ?? prometheusIntervals.GetValueOrDefault(p.Spec.Output.Backend.Value, own)))
            .ToImmutableArray();
        return new ScrapeIntervals(own, sources);
    }

    /// <summary>The interval a range over the metric must cover; <paramref name="metric"/> is null for a selector without a name.</summary>
    public Duration Of(string? metric)
    {
        var carriers = sources.Where(s => metric is null || s.Carries(metric)).ToArray();
        return carriers.Length == 0 ? backendInterval : carriers.MaxBy(s => s.Interval.Value)!.Interval;
    }

    private static IEnumerable<ScrapeSource> Sources(MetricPipelineSpec pipeline, Duration interval)
    {
        var dropped = pipeline.Filter?.DropMetrics.Select(FullMatch).OfType<Regex>().ToImmutableArray() ?? [];
        var input = pipeline.Input;
        if (input.Prometheus is { } pull)
        {
            var intervals = pull.Selectors.Select(s => s.Interval ?? interval).Append(interval);
            yield return new ScrapeSource([""], dropped, intervals.MaxBy(d => d.Value)!);
        }

        if (input.Runtime is { Enabled: true })
        {
            yield return new ScrapeSource(["container_", "kubelet_", "machine_", "prober_", "volume_manager_", "storage_operation_"], dropped, interval);
        }

        if (input.Node is { Enabled: true })
        {
            yield return new ScrapeSource(["node_"], dropped, interval);
        }

        if (input.KubeState is { Enabled: true })
        {
            yield return new ScrapeSource(["kube_"], dropped, interval);
        }

        if (input.Istio is { Enabled: true })
        {
            yield return new ScrapeSource(["istio_", "envoy_", "pilot_"], dropped, interval);
        }
    }

    /// <summary>A drop pattern anchored as Prometheus anchors relabel regexes; one that does not compile is reported elsewhere.</summary>
    private static Regex? FullMatch(string pattern)
    {
        try
        {
            return new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Scrape jobs of one pipeline input: the metric-name prefixes they produce ("" for anything) at one interval.</summary>
    private sealed record ScrapeSource(ImmutableArray<string> Prefixes, ImmutableArray<Regex> Dropped, Duration Interval)
    {
        // Colons are reserved for recording rules' outputs, which no exporter exposes.
        public bool Carries(string metric) =>
            !metric.Contains(':', StringComparison.Ordinal)
            && Prefixes.Any(p => metric.StartsWith(p, StringComparison.Ordinal))
            && !Dropped.Any(d => Matches(d, metric));

        private static bool Matches(Regex pattern, string metric)
        {
            try
            {
                return pattern.IsMatch(metric);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
    }
}
