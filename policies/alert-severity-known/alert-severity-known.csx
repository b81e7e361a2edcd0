// Severities are a closed set routing can rely on, and critical alerts wake someone up.
public sealed class AlertSeverityKnown : Policy
{
    public override PolicyInfo Info { get; } = new(
        "alert-severity-known",
        "Alert severities are known and critical ones page",
        "alerting",
        PolicyLevel.Error,
        "Routing, inhibition and dashboards key on the severity label, so every alert carries one of the severities in the option 'severities'. A critical alert must reach a paging receiver (OpsGenie or PagerDuty) through the routes, or nobody is woken for it.",
        [new("severities", "critical,warning,info,none", "Comma-separated severities allowed; none is the convention for an always-firing Watchdog alert routed to a receiver that discards.")]);

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        var known = context.OptionList("severities");
        var routed = context.Spec.OfKind<AlertRoutingSpec>().Any();
        foreach (var alert in context.Alerts)
        {
            var severity = alert.Rule.Severity ?? alert.Rule.Labels.GetValueOrDefault("severity");
            if (severity is null || !known.Contains(severity))
            {
                yield return context.Finding(alert,
                    severity is null ? $"alert '{alert.Rule.Name.Value}' has no severity" : $"alert '{alert.Rule.Name.Value}' has unknown severity '{severity}'",
                    $"set severity: to one of {string.Join(", ", known)}");
                continue;
            }

            if (severity != "critical" || !routed)
            {
                continue;
            }

            // Asked of the rendered routing with the labels the alert is rendered with, in every cluster it runs in.
            foreach (var delivery in context.Deliveries(alert))
            {
                if (!delivery.Receivers.Any(r => context.Receiver(r) is { } receiver && (receiver.Opsgenie is not null || receiver.Pagerduty is not null)))
                {
                    yield return context.Finding(alert, delivery.Alertmanager is null
                            ? $"critical alert '{alert.Rule.Name.Value}' reaches no Alertmanager in cluster '{delivery.Cluster}'"
                            : $"critical alert '{alert.Rule.Name.Value}' reaches no paging receiver in cluster '{delivery.Cluster}' (only {string.Join(", ", delivery.Receivers.Select(r => $"'{r}'"))})",
                        "route severity=\"critical\" (or the team's critical receiver) to an OpsGenie or PagerDuty receiver");
                    break;
                }
            }
        }
    }
}
