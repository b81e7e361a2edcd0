using Telc.Model;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Lowering;

/// <summary>The labels a rule is rendered with, which are the labels Alertmanager routes its alerts on.</summary>
public static class RuleLabels
{
    public const string Severity = "severity";
    public const string Team = "team";

    /// <summary>
    /// An alert carries its severity and, when its AlertGroup belongs to a team, that team's label, so routes such as
    /// <c>team="payments"</c> and the team's own receivers reach it. A label the rule sets itself wins.
    /// Recording rules keep their own labels only: a team label would change the series they record.
    /// </summary>
    public static RulePlan Lower(Resource group, Rule rule)
    {
        var labels = rule.Labels;
        if (rule.Alert is not null)
        {
            if (rule.Severity is { } severity)
            {
                labels = labels.SetItem(Severity, severity);
            }

            if (group.Metadata.Team is { } team && !labels.ContainsKey(Team))
            {
                labels = labels.Add(Team, team.Value);
            }
        }

        return new RulePlan(rule, labels);
    }
}
