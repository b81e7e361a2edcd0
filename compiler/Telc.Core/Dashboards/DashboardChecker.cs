using Telc.Diagnostics;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Dashboards;

/// <summary>
/// Checks every dashboard as the Grafanas that show it would run it: each query in the language of the data source
/// it resolves to (PromQL for a Prometheus, LogQL for a Loki, an info for the languages telc does not parse), at its
/// line in the spec or in the dashboard's JSON file; data sources that resolve to nothing, variables nobody defines,
/// and panel types Grafana 12 no longer ships.
/// </summary>
public static class DashboardChecker
{
    /// <summary>Angular panels and the panel Grafana swaps each for when a dashboard loads.</summary>
    private static readonly Dictionary<string, string> RemovedPanels = new(StringComparer.Ordinal)
    {
        ["graph"] = "timeseries",
        ["singlestat"] = "stat",
        ["table-old"] = "table",
        ["grafana-piechart-panel"] = "piechart",
        ["grafana-worldmap-panel"] = "geomap",
    };

    public static IReadOnlyList<Diagnostic> Check(SpecModel model)
    {
        var diagnostics = new List<Diagnostic>();
        var intervals = new Dictionary<string, ScrapeIntervals>(StringComparer.Ordinal);
        var provenance = MetricProvenance.For(model);
        foreach (var (resource, spec) in model.OfKind<DashboardSpec>())
        {
            if (DashboardSources.Read(model, resource, spec, diagnostics) is not { } content)
            {
                continue;
            }

            var findings = new List<Diagnostic>();
            CheckPanels(content, findings);
            var checkedAs = new HashSet<(int Start, BackendType? Type)>();
            var passedThrough = new List<(PanelQuery Query, string Backend)>();
            var undelivered = new MissingMetrics(model, provenance);
            foreach (var view in DashboardViews.Of(model, resource, spec))
            {
                var resolver = new DatasourceResolver(view.Reads, spec.Datasource?.Value, content.Variables);
                foreach (var panel in content.Panels)
                {
                    foreach (var query in panel.Queries)
                    {
                        var resolution = resolver.Resolve(query.Datasource, panel.Datasource);
                        if (resolution.BuiltIn)
                        {
                            continue;
                        }

                        if (resolution.Problem is not null)
                        {
                            findings.Add(Diagnostic.At(DiagnosticCatalogue.UnresolvedDatasource, resolution.Reference.Location ?? query.Text.Location,
                                $"{resolution.Problem}, so panel '{panel.Title}' shows nothing",
                                $"use a data source the Grafana reads ({Describe(view.Reads)}), or leave it out to use the dashboard's"));
                        }

                        if (resolution is { Type: BackendType.Prometheus, Backend: { } prometheus } && view.Cluster is { } cluster)
                        {
                            undelivered.Check(query, prometheus.Name, cluster);
                        }

                        if (checkedAs.Add((query.Text.Location.Span.Start, resolution.Type)))
                        {
                            CheckQuery(model, query, resolution, findings, intervals, passedThrough);
                        }
                    }
                }
            }

            if (passedThrough.Count > 0)
            {
                var (first, backend) = passedThrough[0];
                findings.Add(Diagnostic.At(DiagnosticCatalogue.QueryNotChecked, first.Text.Location,
                    $"{passedThrough.Count} {(passedThrough.Count == 1 ? "query" : "queries")} of {resource.DisplayName} on {string.Join(", ", passedThrough.Select(u => u.Backend).Distinct())} {(passedThrough.Count == 1 ? "goes" : "go")} to Grafana passedThrough",
                    "telc parses PromQL and LogQL; check these in Grafana's query editor"));
            }

            findings.AddRange(undelivered.Findings());
            diagnostics.AddRange(findings.DistinctBy(d => (d.Descriptor.Code, d.Location?.Span.Start, d.Message)));
        }

        return diagnostics;
    }

    private static void CheckPanels(DashboardContent content, List<Diagnostic> findings)
    {
        var defined = content.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var removed in content.Panels.Where(p => RemovedPanels.ContainsKey(p.Type)).GroupBy(p => p.Type))
        {
            var successor = RemovedPanels[removed.Key];
            var first = removed.First();
            var count = removed.Count();
            findings.Add(Diagnostic.At(DiagnosticCatalogue.RemovedPanelType, first.Location,
                count == 1
                    ? $"panel '{first.Title}' is an Angular '{removed.Key}' panel, which Grafana 12 no longer ships; it shows a '{successor}' panel migrated on load instead"
                    : $"{count} panels, the first '{first.Title}', are Angular '{removed.Key}' panels, which Grafana 12 no longer ships; it shows '{successor}' panels migrated on load instead",
                $"set the panels' type to '{successor}' (open the dashboard in Grafana 12, check the migrated panels and export it again)"));
        }

        foreach (var panel in content.Panels)
        {
            foreach (var query in panel.Queries)
            {
                foreach (var (name, start, length) in TemplateVariables.Uses(query.Text.Value).Where(u => !TemplateVariables.IsBuiltIn(u.Name) && !defined.Contains(u.Name)))
                {
                    var span = ScalarOffsets.Map(query.Text.Location, query.Text.Value, new Text.TextSpan(start, length));
                    findings.Add(Diagnostic.At(DiagnosticCatalogue.UndefinedVariable, query.Text.Location.File.Locate(span),
                        $"the query uses the variable '${name}', which the dashboard does not define",
                        content.Json is null
                            ? "dashboards written as panels have no variables; write the value, or use a Grafana JSON file that defines the variable"
                            : $"define '{name}' under templating.list, or write the value"));
                }
            }
        }
    }

    private static void CheckQuery(
        SpecModel model, PanelQuery query, DatasourceResolution resolution, List<Diagnostic> findings, Dictionary<string, ScrapeIntervals> intervals, List<(PanelQuery, string)> passedThrough)
    {
        switch (resolution.Type)
        {
            case BackendType.Prometheus:
                var backend = resolution.Backend?.Name;
                var scrape = intervals.TryGetValue(backend ?? string.Empty, out var known) ? known : intervals[backend ?? string.Empty] = ScrapeIntervals.For(model, backend);
                var deployed = resolution.Backend?.Spec is BackendSpec { Prometheus.Operator: false };
                QueryChecker.CheckPanel(query.Text, findings, scrape, model.Vocabulary, deployed);
                break;
            case BackendType.Loki:
                LogQueryChecker.Check(query.Text, LogQueryUse.Panel, findings);
                break;
            case { } other:
                passedThrough.Add((query, resolution.Backend is { } store ? $"{BackendTypes.Name(other)} '{store.Name}'" : BackendTypes.Name(other)));
                break;
        }
    }

    private static string Describe(IReadOnlyCollection<(Resource Backend, BackendSpec Spec)> view) =>
        view.Count == 0 ? "none" : string.Join(", ", view.Select(v => $"{v.Backend.Name} ({BackendTypes.Name(BackendTypes.TypeOf(v.Spec))})"));
}
