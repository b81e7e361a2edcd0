// A team's alerts watch the team's own workloads, so one team's rule never fires on another team's namespace.
public sealed class TeamAlertsOwnNamespaces : Policy
{
    public override PolicyInfo Info { get; } = new(
        "team-alerts-own-namespaces",
        "Team alerts select only the team's namespaces",
        "tenancy",
        PolicyLevel.Error,
        "Every selector in the queries of a team's AlertGroup must pin the namespace label (k8s_namespace_name on metrics derived from logs) to namespaces the Team declares: namespace=\"payments\", or namespace=~\"payments|billing\" with each alternative the team's. A selector without a namespace matcher watches every team.");

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        var teams = context.Spec.OfKind<TeamSpec>().ToDictionary(t => t.Resource.Name, t => t.Spec.Namespaces, StringComparer.Ordinal);
        foreach (var rule in context.Rules)
        {
            if (rule.Group.Metadata.Team?.Value is not { } team || !teams.TryGetValue(team, out var owned) || context.Query(rule.Rule.Expr) is not { } query)
            {
                continue;
            }

            foreach (var selector in Telc.PromQL.ExprWalker.Selectors(query))
            {
                var selected = Namespaces(selector);
                var name = selector.Name ?? "a selector";
                if (selected is null)
                {
                    yield return context.Finding(rule, $"'{name}' in rule '{rule.Rule.Name.Value}' of team '{team}' selects every namespace",
                        $"add namespace=\"{owned.FirstOrDefault() ?? "…"}\" to the selector");
                }
                else if (selected.FirstOrDefault(n => !owned.Contains(n)) is { } foreign)
                {
                    yield return context.Finding(rule, $"'{name}' in rule '{rule.Rule.Name.Value}' of team '{team}' selects namespace '{foreign}', which the team does not own",
                        $"team '{team}' owns {string.Join(", ", owned)}");
                }
            }
        }
    }

    /// <summary>
    /// The namespaces a selector is limited to, or null when it is not limited to a known list. Metrics derived from
    /// logs carry the record's namespace as k8s_namespace_name, not namespace.
    /// </summary>
    private static string[]? Namespaces(Telc.PromQL.VectorSelector selector)
    {
        var matchers = selector.Matchers.Where(m => m.Name is "namespace" or "k8s_namespace_name").ToArray();
        var equal = matchers.FirstOrDefault(m => m.Operator == Telc.PromQL.MatchOperator.Equal);
        if (equal is not null)
        {
            return [equal.Value];
        }

        var regex = matchers.FirstOrDefault(m => m.Operator == Telc.PromQL.MatchOperator.Regex);
        if (regex is not null && Regex.IsMatch(regex.Value, "^[a-z0-9-]+(\\|[a-z0-9-]+)*$"))
        {
            return regex.Value.Split('|');
        }

        return null;
    }
}
