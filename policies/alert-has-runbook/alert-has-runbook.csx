// Every alert links the runbook an on-call engineer opens when it fires.
public sealed class AlertHasRunbook : Policy
{
    public override PolicyInfo Info { get; } = new(
        "alert-has-runbook",
        "Alerts link a runbook",
        "alerting",
        PolicyLevel.Warning,
        "An alert without a runbook leaves the person paged at night to guess. Set runbook (or a runbook_url annotation) on every alert.");

    public override IEnumerable<PolicyFinding> Check(PolicyContext context) =>
        context.Alerts
            .Where(a => a.Rule.Runbook is null && !a.Rule.Annotations.ContainsKey("runbook_url"))
            .Select(a => context.Finding(a, $"alert '{a.Rule.Name.Value}' has no runbook",
                "add runbook: https://… to the rule"));
}
