using Telc.Diagnostics;
using Telc.PromQL;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>
/// The rules that use metrics derived from logs select them by the names the pipelines give: a name one or two edits
/// away from a derived metric is a typo, and a derived histogram is stored as its _bucket, _sum and _count series.
/// </summary>
public static class DerivedMetricUse
{
    public static IReadOnlyList<Diagnostic> Check(SpecModel model)
    {
        var derived = model.OfKind<LogPipelineSpec>().SelectMany(p => p.Spec.DerivedMetrics.IsDefault ? [] : p.Spec.DerivedMetrics).ToArray();
        if (derived.Length == 0)
        {
            return [];
        }

        var histograms = derived.Where(m => m.Type == DerivedMetricType.Histogram).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var produced = derived.SelectMany(m => m.Type == DerivedMetricType.Histogram ? [m.Name + "_bucket", m.Name + "_sum", m.Name + "_count"] : new[] { m.Name })
            .ToHashSet(StringComparer.Ordinal);
        var recorded = model.OfKind<AlertGroupSpec>().SelectMany(g => g.Spec.Rules).Select(r => r.Record?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // Rules select the same few names again and again; each name is compared with the derived ones once.
        var closest = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? Closest(string name) => closest.TryGetValue(name, out var known) ? known
            : closest[name] = produced.Where(p => Suggestions.Distance(name, p) <= 2).Order(StringComparer.Ordinal).FirstOrDefault();

        var diagnostics = new List<Diagnostic>();
        foreach (var rule in model.OfKind<AlertGroupSpec>().SelectMany(g => g.Spec.Rules))
        {
            if (Parser.Parse(rule.Expr.Value) is not { Success: true, Root: { } root })
            {
                continue;
            }

            foreach (var selector in ExprWalker.Selectors(root).Where(s => s.Name is { } name && !produced.Contains(name) && !recorded.Contains(name)))
            {
                var location = rule.Expr.Location.File.Locate(ScalarOffsets.Map(rule.Expr.Location, rule.Expr.Value, selector.Span));
                if (histograms.Contains(selector.Name!))
                {
                    diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.DerivedMetricMisnamed, location,
                        $"'{selector.Name}' is a histogram derived from logs, stored as {selector.Name}_bucket, {selector.Name}_sum and {selector.Name}_count",
                        $"select {selector.Name}_bucket (with histogram_quantile), {selector.Name}_sum or {selector.Name}_count"));
                }
                else if (Closest(selector.Name!) is { } suggestion)
                {
                    diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.DerivedMetricMisnamed, location,
                        $"no pipeline produces '{selector.Name}'", $"did you mean '{suggestion}', which a log pipeline derives?"));
                }
            }
        }

        return diagnostics;
    }
}
