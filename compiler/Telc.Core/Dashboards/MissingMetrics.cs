using Telc.Diagnostics;
using Telc.Lowering;
using Telc.PromQL;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Dashboards;

/// <summary>
/// Panel queries on metrics of an exporter (node_*, kube_*, container_* …) that no MetricPipeline of the cluster
/// collects into the Prometheus the panel reads: the panel would stay empty there. Gathered over every cluster a
/// dashboard is shown in, then reported once per exporter and Prometheus, at the first query, naming the metrics
/// and the clusters (TELC325). Other metrics that do not arrive, by <see cref="MetricProvenance"/> (a preset not
/// switched on, a filter dropping them, a recorded name no rule records, a misspelt known name), are reported once
/// per selector and reason (TELC233).
/// </summary>
public sealed class MissingMetrics(SpecModel model, MetricProvenance provenance)
{
    private readonly Dictionary<(string Cluster, string Prometheus), MetricInputs[]> inputs = [];
    private readonly Dictionary<PanelQuery, VectorSelector[]> selectors = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(string Input, string Prometheus), Missing> missing = [];
    private readonly Dictionary<(PanelQuery Query, VectorSelector Selector, MetricProvenance.Gap Gap), SortedSet<string>> gaps = [];

    public void Check(PanelQuery query, string prometheus, string cluster)
    {
        foreach (var selector in Selectors(query))
        {
            if (selector.Name is not { } name)
            {
                continue;
            }

            if (MetricSources.Of(name) is not { } source)
            {
                if (provenance.Explain(cluster, prometheus, name) is { } gap)
                {
                    (gaps.TryGetValue((query, selector, gap), out var where) ? where : gaps[(query, selector, gap)] = new(StringComparer.Ordinal)).Add(cluster);
                }

                continue;
            }

            if (Inputs(cluster, prometheus).Any(source.Collects))
            {
                continue;
            }

            if (!missing.TryGetValue((source.Input, prometheus), out var entry))
            {
                missing[(source.Input, prometheus)] = entry = new Missing(query, selector, source, new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
            }

            entry.Metrics.Add(name);
            entry.Clusters.Add(cluster);
        }
    }

    public IEnumerable<Diagnostic> Findings() => missing.OrderBy(m => m.Value.Query.Text.Location.Span.Start).Select(Exporter).Concat(gaps.Select(g =>
    {
        var ((query, selector, gap), clusters) = (g.Key, g.Value);
        var where = clusters.Count == 1 ? $"cluster '{clusters.Min}'" : $"clusters {string.Join(", ", clusters.Select(c => $"'{c}'"))}";
        return Diagnostic.At(DiagnosticCatalogue.MetricNotDelivered,
            query.Text.Location.File.Locate(ScalarOffsets.Map(query.Text.Location, query.Text.Value, selector.Span)),
            $"a panel selects '{selector.Name}', {gap.Why} in {where}, so it shows nothing there", gap.Hint);
    }));

    private Diagnostic Exporter(KeyValuePair<(string Input, string Prometheus), Missing> m)
    {
        var (query, selector, source, metrics, clusters) = m.Value;
        var prometheus = m.Key.Prometheus;
        var where = clusters.Count == 1 ? $"cluster '{clusters.Min}'" : $"clusters {string.Join(", ", clusters.Select(c => $"'{c}'"))}";
        var what = metrics.Count == 1 ? $"'{metrics.Min}'" : $"{metrics.Count} metrics ({string.Join(", ", metrics.Take(3))}{(metrics.Count > 3 ? " …" : string.Empty)})";
        return Diagnostic.At(DiagnosticCatalogue.UndeliveredMetric,
            query.Text.Location.File.Locate(ScalarOffsets.Map(query.Text.Location, query.Text.Value, selector.Span)),
            $"the dashboard's panels query {what} from {source.Exporter}, and no MetricPipeline of {where} collects {(metrics.Count == 1 ? "it" : "them")} into '{prometheus}', so those panels stay empty there",
            $"set input.{source.Input} in a MetricPipeline of {(clusters.Count == 1 ? "that cluster" : "those clusters")} whose output is '{prometheus}'");
    }

    private VectorSelector[] Selectors(PanelQuery query)
    {
        if (!selectors.TryGetValue(query, out var found))
        {
            var parsed = Parser.Parse(GrafanaVariables.Substitute(query.Text.Value));
            selectors[query] = found = parsed is { Success: true, Root: { } root } ? [.. ExprWalker.Selectors(root)] : [];
        }

        return found;
    }

    private MetricInputs[] Inputs(string cluster, string prometheus)
    {
        if (!inputs.TryGetValue((cluster, prometheus), out var found))
        {
            inputs[(cluster, prometheus)] = found = [.. model.OfKind<MetricPipelineSpec>()
                .Where(p => ClusterLowering.AppliesTo(p.Spec.Clusters, cluster) && (p.Spec.Output.Backend.Value == prometheus || p.Spec.ScrapedBy?.Value == prometheus))
                .Select(p => p.Spec.Input)];
        }

        return found;
    }

    private sealed record Missing(PanelQuery Query, VectorSelector Selector, MetricSource Source, SortedSet<string> Metrics, SortedSet<string> Clusters);
}
