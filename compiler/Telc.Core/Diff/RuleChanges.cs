using System.Text.RegularExpressions;
using Telc.Model;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Diff;

/// <summary>Alerting and recording rules added, removed or changed on each ruler of a cluster (Prometheus, Loki), and how.</summary>
public static partial class RuleChanges
{
    private static readonly string[] PagingSeverities = ["critical", "page", "pager"];

    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        var old = Rules(before);
        var current = Rules(after);

        // Rules are paired within their group by name and severity (a warning and a critical EtcdMembersDown), then
        // by name (a changed severity); a rule whose name and severity are unique on both sides pairs across groups
        // (a renamed or regrouped group), so that neither shows as an alert removed.
        var (pairs, removed, added) = Pairing.Pair(old, current,
            (r => $"{r.Prometheus}/{r.Group}/{r.Rule.Name.Value}/{r.Rule.Severity}", false),
            (r => $"{r.Prometheus}/{r.Group}/{r.Rule.Name.Value}", false),
            (r => $"{r.Prometheus}/{r.Rule.Name.Value}/{r.Rule.Severity}", true));
        foreach (var (was, now) in pairs)
        {
            Changed(was, now, changes);
        }

        foreach (var rule in added)
        {
            changes.Add(Area(rule.Rule), rule.Subject, ChangeKind.Added, Added(rule.Rule), Risk.Low);
        }

        foreach (var rule in removed)
        {
            changes.Add(Area(rule.Rule), rule.Subject, ChangeKind.Removed,
                rule.Rule.Alert is not null ? $"removed{Severity(rule.Rule)}: it will no longer fire" : "removed: queries and alerts reading it get no data",
                rule.Rule.Alert is not null ? Risk.High : Risk.Medium);
        }
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
            Note(Numbers(a, b) ?? "query changed", Risk.Medium);
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

        if (old.Group != current.Group)
        {
            Note($"moved from group {old.Group}", Risk.Low);
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

    /// <summary>Every rule of every Prometheus of the cluster, in order.</summary>
    private static List<NamedRule> Rules(ClusterPlan? plan)
    {
        var rulers = (plan?.Metrics.Prometheuses ?? []).Select(p => (p.ObjectName, Backend: p.Backend.Name, Groups: p.RuleGroups))
            .Concat((plan?.Stores.Lokis ?? []).Where(l => l.Ruler is not null).Select(l => (l.ObjectName, Backend: l.Backend.Name, l.Ruler!.Groups)))
            .ToArray();
        var rules = new List<NamedRule>();
        foreach (var (objectName, backend, groups) in rulers)
        {
            foreach (var group in groups)
            {
                foreach (var rule in group.Spec.Rules)
                {
                    var where = rulers.Length > 1 ? $" on {objectName}" : string.Empty;
                    rules.Add(new NamedRule($"{rule.Name.Value} ({group.Group.Name}{where})", backend, group.Group.Name, rule));
                }
            }
        }

        return rules;
    }

    private static string Severity(Rule rule) => rule.Severity is { } severity ? $" ({severity})" : string.Empty;

    /// <summary>The expression in the formatter's layout, so a re-indented query is not a change.</summary>
    private static string Canonical(string expr)
    {
        var parsed = PromQL.Parser.Parse(expr);
        return parsed.Success && parsed.Root is { } root ? PromQL.Formatter.Format(root) : expr.Trim();
    }

    /// <summary>
    /// "threshold 0.05 → 0.1" when the two queries differ only in the number a comparison tests against, "constant 0.99 →
    /// 0.95" when they differ in other numbers (a quantile); null when more than numbers changed.
    /// </summary>
    private static string? Numbers(string before, string after)
    {
        if (NumberLiteral().Replace(before, "#") != NumberLiteral().Replace(after, "#"))
        {
            return null;
        }

        var changed = NumberLiteral().Matches(before).Zip(NumberLiteral().Matches(after)).Where(p => p.First.Value != p.Second.Value).ToArray();
        var compared = changed.All(p => Comparison().IsMatch(before[..p.First.Index]));
        return $"{(compared ? "threshold" : "constant")} {string.Join(", ", changed.Select(p => $"{p.First.Value} → {p.Second.Value}"))}";
    }

    [GeneratedRegex(@"(>|<|>=|<=|==|!=)(\s*bool)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();

    [GeneratedRegex(@"(?<![\w.:])[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLiteral();

    private sealed record NamedRule(string Subject, string Prometheus, string Group, Rule Rule);
}
