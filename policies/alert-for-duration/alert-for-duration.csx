// A paging alert must hold for a while before it fires: one evaluation is noise, not an incident.
public sealed class AlertForDuration : Policy
{
    public override PolicyInfo Info { get; } = new(
        "alert-for-duration",
        "Paging alerts wait before firing",
        "alerting",
        PolicyLevel.Warning,
        "An alert without 'for' fires on a single evaluation, so one scrape blip pages someone. Alerts of the severities in the option 'severities' need a 'for' of at least the option 'minimum'.",
        [new("severities", "critical", "Comma-separated severities that page."), new("minimum", "1m", "Shortest 'for' accepted.")]);

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        var severities = context.OptionList("severities");
        var minimum = Duration.TryParse(context.Option("minimum"))?.Value ?? TimeSpan.FromMinutes(1);
        return context.Alerts
            .Where(a => severities.Contains(a.Rule.Severity ?? string.Empty) && (a.Rule.For?.Value ?? TimeSpan.Zero) < minimum)
            .Select(a => context.Finding(a,
                a.Rule.For is null
                    ? $"{a.Rule.Severity} alert '{a.Rule.Name.Value}' fires on a single evaluation"
                    : $"{a.Rule.Severity} alert '{a.Rule.Name.Value}' waits only {a.Rule.For.Text} before firing",
                $"set for: to {context.Option("minimum")} or more"));
    }
}
