// A paging alert must hold for a while before it fires: one evaluation is noise, not an incident.
public sealed class AlertForDuration : Policy
{
    public override PolicyInfo Info { get; } = new(
        "alert-for-duration",
        "Paging alerts wait before firing",
        "alerting",
        PolicyLevel.Warning,
        "An alert without 'for' fires on a single evaluation, so one scrape blip pages someone. Alerts of the severities in the option 'severities' (default critical) need a 'for' of at least the option 'minimum' (default 1m).");

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        var severities = context.Option("severities", "critical").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var minimum = Duration.TryParse(context.Option("minimum", "1m"))?.Value ?? TimeSpan.FromMinutes(1);
        return context.Alerts
            .Where(a => severities.Contains(a.Rule.Severity ?? string.Empty) && (a.Rule.For?.Value ?? TimeSpan.Zero) < minimum)
            .Select(a => context.Finding(a,
                a.Rule.For is null
                    ? $"{a.Rule.Severity} alert '{a.Rule.Name.Value}' fires on a single evaluation"
                    : $"{a.Rule.Severity} alert '{a.Rule.Name.Value}' waits only {a.Rule.For.Text} before firing",
                $"set for: to {context.Option("minimum", "1m")} or more"));
    }
}
