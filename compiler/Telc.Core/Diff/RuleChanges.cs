using System.Text.RegularExpressions;
using Telc.Model;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Diff;

/// <summary>Alerting and recording rules added, removed or changed on each Prometheus of a cluster, and how.</summary>
public static partial class RuleChanges
{
    private static readonly string[] PagingSeverities = ["critical", "page", "pager"];

    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        changes.Match(Rules(before), Rules(after),
            (_, rule) => changes.Add(Area(rule.Rule), rule.Subject, ChangeKind.Added, Added(rule.Rule), Risk.Low),
            (_, rule) => changes.Add(Area(rule.Rule), rule.Subject, ChangeKind.Removed,
                rule.Rule.Alert is not null ? "removed: it will no longer fire" : "removed: queries and alerts reading it get no data",
                rule.Rule.Alert is not null ? Risk.High : Risk.Medium),
            (_, old, current) => Changed(old, current, changes));
    }

    private static void Changed(NamedRule old, NamedRule current, ChangeList changes)
    {
        var parts = new List<string>();
        var risk = Risk.Low;
        void Note(string part, Risk level)
        {
            parts.Add(part);
            risk = level > risk ? level : risk;
        }

        if (old.Rule.Expr.Value != current.Rule.Expr.Value && (Canonical(old.Rule.Expr.Value), Canonical(current.Rule.Expr.Value)) is var (a, b) && a != b)
        {
            Note(Thresholds(a, b) is { } thresholds ? $"threshold {thresholds}" : "query changed", Risk.Medium);
        }

        if (Text(old.Rule.For) != Text(current.Rule.For))
        {
            Note($"for {Text(old.Rule.For)} → {Text(current.Rule.For)}", Risk.Medium);
        }

        if (Text(old.Rule.KeepFiringFor) != Text(current.Rule.KeepFiringFor))
        {
            Note($"keep_firing_for {Text(old.Rule.KeepFiringFor)} → {Text(current.Rule.KeepFiringFor)}", Risk.Low);
        }

        if (old.Rule.Severity != current.Rule.Severity)
        {
            var stopsPaging = PagingSeverities.Contains(old.Rule.Severity) && !PagingSeverities.Contains(current.Rule.Severity);
            Note($"severity {old.Rule.Severity ?? "none"} → {current.Rule.Severity ?? "none"}", stopsPaging ? Risk.High : Risk.Medium);
        }

        if (!old.Rule.Labels.SequenceEqual(current.Rule.Labels))
        {
            Note("labels changed (routing may change)", Risk.Medium);
        }

        if (old.Rule.Summary != current.Rule.Summary || old.Rule.Description != current.Rule.Description || old.Rule.Runbook != current.Rule.Runbook
            || !old.Rule.Annotations.SequenceEqual(current.Rule.Annotations))
        {
            Note("annotations changed", Risk.Low);
        }

        if (parts.Count > 0)
        {
            changes.Add(Area(current.Rule), current.Subject, ChangeKind.Changed, string.Join("; ", parts), risk);
        }
    }

    private static ChangeArea Area(Rule rule) => rule.Alert is not null ? ChangeArea.Alert : ChangeArea.RecordingRule;

    private static string Added(Rule rule) =>
        rule.Alert is not null ? $"added{(rule.Severity is { } severity ? $" ({severity}" + (rule.For is { } wait ? $", for {wait.Text})" : ")") : string.Empty)}" : "added";

    private static string Text(Duration? duration) => duration?.Text ?? "none";

    /// <summary>Rules keyed by Prometheus, group, name and occurrence: one alert name often has a warning and a critical rule.</summary>
    private static Dictionary<string, NamedRule> Rules(ClusterPlan? plan)
    {
        var rules = new Dictionary<string, NamedRule>(StringComparer.Ordinal);
        foreach (var prometheus in plan?.Prometheuses ?? [])
        {
            foreach (var group in prometheus.RuleGroups)
            {
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var rule in group.Spec.Rules)
                {
                    var name = rule.Name.Value;
                    var occurrence = seen[name] = seen.GetValueOrDefault(name) + 1;
                    var subject = $"{name} ({group.Group.Name}{(occurrence > 1 ? $" #{occurrence}" : string.Empty)}{(plan!.Prometheuses.Length > 1 ? $" on {prometheus.ObjectName}" : string.Empty)})";
                    rules[$"{prometheus.ObjectName}/{group.Group.Name}/{name}/{occurrence}"] = new NamedRule(subject, rule);
                }
            }
        }

        return rules;
    }

    /// <summary>The expression in the formatter's layout, so a re-indented query is not a change.</summary>
    private static string Canonical(string expr)
    {
        var parsed = PromQL.Parser.Parse(expr);
        return parsed.Success && parsed.Root is { } root ? PromQL.Formatter.Format(root) : expr.Trim();
    }

    /// <summary>"0.05 → 0.1" when the two queries differ only in their numbers; null otherwise.</summary>
    private static string? Thresholds(string before, string after)
    {
        if (NumberLiteral().Replace(before, "#") != NumberLiteral().Replace(after, "#"))
        {
            return null;
        }

        var pairs = NumberLiteral().Matches(before).Zip(NumberLiteral().Matches(after))
            .Where(p => p.First.Value != p.Second.Value)
            .Select(p => $"{p.First.Value} → {p.Second.Value}");
        return string.Join(", ", pairs);
    }

    [GeneratedRegex(@"(?<![\w.:])[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLiteral();

    private sealed record NamedRule(string Subject, Rule Rule);
}
