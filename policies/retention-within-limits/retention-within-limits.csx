// Retention is a cost and a compliance decision: each environment keeps data between its bounds.
public sealed class RetentionWithinLimits : Policy
{
    public override PolicyInfo Info { get; } = new(
        "retention-within-limits",
        "Retention stays within each environment's bounds",
        "cost",
        PolicyLevel.Error,
        "Too short a retention in prod loses the history incidents and SLOs need; too long a one anywhere multiplies storage cost. The options '<environment>.min' and '<environment>.max' set the bounds of the prod, stage and dev environments; they hold for RetentionPolicy rules and for the retention of backends deployed to that environment's clusters. Other environments are not bounded.",
        [
            new("prod.min", "15d", "Shortest retention in prod."), new("prod.max", "400d", "Longest retention in prod."),
            new("stage.min", "1d", "Shortest retention in stage."), new("stage.max", "90d", "Longest retention in stage."),
            new("dev.min", "1d", "Shortest retention in dev."), new("dev.max", "30d", "Longest retention in dev."),
        ]);

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        foreach (var (resource, policy) in context.Spec.OfKind<RetentionPolicySpec>())
        {
            foreach (var rule in policy.Rules)
            {
                foreach (var environment in rule.Environment is { } only ? [only.Value] : context.Environments)
                {
                    if (Violation(context, environment, rule.Duration) is { } problem)
                    {
                        yield return context.Finding(resource, $"rules/{rule.Signal.ToString().ToLowerInvariant()}/{environment}", rule.Environment ?? new Located<string>(rule.Duration.Text, resource.Location),
                            $"{rule.Signal.ToString().ToLowerInvariant()} retention {rule.Duration.Text} in {environment} is {problem}", "change the duration, or the bounds in the Project's policy options");
                    }
                }
            }
        }

        foreach (var (resource, backend) in context.Spec.OfKind<BackendSpec>())
        {
            if (RetentionOf(backend)?.Time is not { } time)
            {
                continue;
            }

            foreach (var environment in context.EnvironmentsOf(backend))
            {
                if (Violation(context, environment, time) is { } problem)
                {
                    yield return context.Finding(resource, $"retention {time.Text} of Backend '{resource.Name}' in {environment} is {problem}",
                        "change retention.time, or the bounds in the Project's policy options");
                }
            }
        }
    }

    private static string? Violation(PolicyContext context, string environment, Duration retention)
    {
        if (environment is not ("prod" or "stage" or "dev"))
        {
            return null;
        }

        var lower = Duration.TryParse(context.Option(environment + ".min"));
        var upper = Duration.TryParse(context.Option(environment + ".max"));
        return lower is not null && retention.Value < lower.Value ? $"below the minimum of {lower.Text}"
            : upper is not null && retention.Value > upper.Value ? $"above the maximum of {upper.Text}"
            : null;
    }

    private static RetentionSettings? RetentionOf(BackendSpec backend) =>
        backend.Prometheus?.Retention ?? backend.Loki?.Retention ?? backend.Elasticsearch?.Retention ?? backend.Tempo?.Retention
        ?? backend.Zipkin?.Retention ?? backend.Jaeger?.Retention ?? backend.Influxdb?.Retention ?? backend.Kafka?.Retention;
}
