using Telc.Parsing;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Diff;

/// <summary>
/// Spec documents whose effect is not (or not only) visible in one cluster's objects: pipelines, dashboards, SLOs
/// and retention rules, compared document by document.
/// </summary>
public static class SpecChanges
{
    public static void Compare(SpecModel? before, SpecModel? after, ChangeList changes)
    {
        changes.Match(Documents(before), Documents(after),
            (_, resource) => changes.Add(Area(resource), resource.DisplayName, ChangeKind.Added, "added", Risk.Low),
            (_, resource) => changes.Add(Area(resource), resource.DisplayName, ChangeKind.Removed, "removed", resource.Spec is DashboardSpec ? Risk.Medium : Risk.High),
            (_, old, current) =>
            {
                var fields = TreeDiff.Compare(SpecNode(old), SpecNode(current));
                if (current.Spec is DashboardSpec && old.Spec is DashboardSpec && before is not null && after is not null)
                {
                    var panels = DashboardChanges.Compare(before, old, after, current);
                    var summary = string.Join("; ", panels.Concat(fields.Length > 0 ? [FieldChange.Summarise(fields)] : []));
                    if (summary.Length > 0)
                    {
                        changes.Add(ChangeArea.Dashboard, current.DisplayName, ChangeKind.Changed, summary, Risk.Low);
                    }
                }
                else if (fields.Length > 0)
                {
                    var touchesOutput = fields.Any(f => f.Path.StartsWith("output", StringComparison.Ordinal) || f.Path.StartsWith("objective", StringComparison.Ordinal));
                    changes.Add(Area(current), current.DisplayName, ChangeKind.Changed, FieldChange.Summarise(fields), touchesOutput ? Risk.Medium : Risk.Low);
                }
            });

        changes.Match(RetentionRules(before), RetentionRules(after),
            (key, rule) => changes.Add(ChangeArea.Retention, key, ChangeKind.Added, $"added: keep {rule.Duration.Text}", Risk.Low),
            (key, rule) => changes.Add(ChangeArea.Retention, key, ChangeKind.Removed, $"removed (was {rule.Duration.Text}); the next matching rule, or the backend's own retention, applies", Risk.Medium),
            (key, old, current) =>
            {
                if (old.Duration.Text != current.Duration.Text || old.Size?.Text != current.Size?.Text)
                {
                    var shorter = current.Duration.Value < old.Duration.Value || (current.Size is { } size && (old.Size is null || size.Bytes < old.Size.Bytes));
                    var reachesProduction = current.Environment is null || (after?.TierOf(current.Environment.Value) ?? EnvironmentTier.Production) == EnvironmentTier.Production;
                    changes.Add(ChangeArea.Retention, key, ChangeKind.Changed,
                        $"{old.Duration.Text}{(old.Size is { } a ? $" / {a.Text}" : string.Empty)} → {current.Duration.Text}{(current.Size is { } b ? $" / {b.Text}" : string.Empty)}{(shorter ? ", older data is deleted" : string.Empty)}",
                        shorter ? (reachesProduction ? Risk.High : Risk.Medium) : Risk.Low);
                }
            });
    }

    private static ChangeArea Area(Resource resource) => resource.Spec switch
    {
        DashboardSpec => ChangeArea.Dashboard,
        SloSpec => ChangeArea.Slo,
        _ => ChangeArea.Pipeline,
    };

    private static Dictionary<string, Resource> Documents(SpecModel? model) =>
        (model?.Resources ?? []).Where(r => r.Spec is MetricPipelineSpec or LogPipelineSpec or TracePipelineSpec or DashboardSpec or SloSpec)
            .GroupBy(r => r.DisplayName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static YamlNode? SpecNode(Resource resource) => (resource.Document.Root as YamlMapping)?.Find("spec")?.Value;

    /// <summary>Retention rules keyed by what they select: signal, environment, team and backend.</summary>
    private static Dictionary<string, RetentionRule> RetentionRules(SpecModel? model)
    {
        var rules = new Dictionary<string, RetentionRule>(StringComparer.Ordinal);
        foreach (var (_, spec) in model?.OfKind<RetentionPolicySpec>() ?? [])
        {
            foreach (var rule in spec.Rules)
            {
                var key = string.Join(" ", new[]
                {
                    rule.Signal.ToString().ToLowerInvariant(),
                    rule.Environment is { } environment ? $"in {environment.Value}" : "in every environment",
                    rule.Team is { } team ? $"of team {team.Value}" : null,
                    rule.Backend is { } backend ? $"on {backend.Value}" : null,
                }.Where(p => p is not null));
                rules.TryAdd(key, rule);
            }
        }

        return rules;
    }
}
