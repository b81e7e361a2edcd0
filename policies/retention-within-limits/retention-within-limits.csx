// Retention is a cost and a compliance decision: each environment keeps data between its bounds.
public sealed class RetentionWithinLimits : Policy
{
    public override PolicyInfo Info { get; } = new(
        "retention-within-limits",
        "Retention stays within each environment's bounds",
        "cost",
        PolicyLevel.Error,
        "Too short a retention in prod loses the history incidents and SLOs need; too long a one anywhere multiplies storage cost. The options '<tier>.min' and '<tier>.max' set the bounds of the environments of each tier (production, staging, development, as the Project declares them, whatever the environments are called); they hold for RetentionPolicy rules and for the retention of backends deployed to those environments' clusters. A Kafka buffers data on its way to a store, which keeps the history, so neither its retention nor a rule that names it is held to the bounds.",
        [
            new("production.min", "15d", "Shortest retention in production environments."), new("production.max", "400d", "Longest retention in production environments."),
            new("staging.min", "1d", "Shortest retention in staging environments."), new("staging.max", "90d", "Longest retention in staging environments."),
            new("development.min", "1d", "Shortest retention in development environments."), new("development.max", "30d", "Longest retention in development environments."),
        ]);

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        foreach (var (resource, policy) in context.Spec.OfKind<RetentionPolicySpec>())
        {
            foreach (var (rule, index) in policy.Rules.Select((r, i) => (r, i)).Where(r => !NamesABuffer(context, r.r)))
            {
                foreach (var environment in rule.Environment is { } only ? [only.Value] : context.Environments)
                {
                    if (Violation(context, environment, rule.Duration) is { } problem)
                    {
                        yield return context.FindingAt(resource, $"rules.{index}.duration",
                            $"{rule.Signal.ToString().ToLowerInvariant()} retention {rule.Duration.Text} in {environment} is {problem}", "change the duration, or the bounds in the Project's policy options",
                            $"rules/{rule.Signal.ToString().ToLowerInvariant()}/{environment}");
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
                    yield return context.FindingAt(resource, $"{TypeKey(backend)}.retention.time", $"retention {time.Text} of Backend '{resource.Name}' in {environment} is {problem}",
                        "change retention.time, or the bounds in the Project's policy options");
                }
            }
        }
    }

    private static bool NamesABuffer(PolicyContext context, RetentionRule rule) =>
        rule.Backend is { } name && context.Spec.OfKind<BackendSpec>().Any(b => b.Resource.Name == name.Value && b.Spec.Kafka is not null);

    private static string? Violation(PolicyContext context, string environment, Duration retention)
    {
        if (context.TierOf(environment) is not { } tier)
        {
            return null;
        }

        var lower = Duration.TryParse(context.Option(tier + ".min"));
        var upper = Duration.TryParse(context.Option(tier + ".max"));
        return lower is not null && retention.Value < lower.Value ? $"below the minimum of {lower.Text}"
            : upper is not null && retention.Value > upper.Value ? $"above the maximum of {upper.Text}"
            : null;
    }

    private static string TypeKey(BackendSpec backend) =>
        backend.Prometheus is not null ? "prometheus" : backend.Loki is not null ? "loki" : backend.Elasticsearch is not null ? "elasticsearch"
        : backend.Tempo is not null ? "tempo" : backend.Zipkin is not null ? "zipkin" : backend.Jaeger is not null ? "jaeger"
        : "influxdb";

    private static RetentionSettings? RetentionOf(BackendSpec backend) =>
        backend.Prometheus?.Retention ?? backend.Loki?.Retention ?? backend.Elasticsearch?.Retention ?? backend.Tempo?.Retention
        ?? backend.Zipkin?.Retention ?? backend.Jaeger?.Retention ?? backend.Influxdb?.Retention;
}
