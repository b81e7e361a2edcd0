// Retention is a cost and a compliance decision: each environment keeps data between its bounds.
public sealed class RetentionWithinLimits : Policy
{
    public override PolicyInfo Info { get; } = new(
        "retention-within-limits",
        "Retention stays within each environment's bounds",
        "cost",
        PolicyLevel.Error,
        "Too short a retention in prod loses the history incidents and SLOs need; too long a one anywhere multiplies storage cost. The options '<tier>.min' and '<tier>.max' set the bounds of the environments of each tier (production, staging, development, as the Project declares them, whatever the environments are called); they hold for RetentionPolicy rules and for the retention of backends deployed to those environments' clusters, and a Loki, Elasticsearch or InfluxDB that nothing bounds (it would keep its data for ever) is above every maximum. A Kafka buffers data on its way to a store, which keeps the history, so neither its retention nor a rule that names it is held to the bounds.",
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
            if (RetentionOf(backend) is { } time)
            {
                foreach (var environment in context.EnvironmentsOf(backend))
                {
                    if (Violation(context, environment, time) is { } problem)
                    {
                        yield return context.FindingAt(resource, $"{TypeKey(backend)}.retention.time", $"retention {time.Text} of Backend '{resource.Name}' in {environment} is {problem}",
                            "change retention.time, or the bounds in the Project's policy options");
                    }
                }
            }
            else if (KeptForEver(backend) is { } signal)
            {
                // Loki and Elasticsearch delete nothing unless told: every signal is bounded, not only the ones written down.
                foreach (var environment in context.EnvironmentsOf(backend).Where(e => !RuleCovers(context, resource.Name, signal, e)))
                {
                    if (context.TierOf(environment) is { } tier && Duration.TryParse(context.Option(tier + ".max")) is { } upper)
                    {
                        yield return context.FindingAt(resource, TypeKey(backend),
                            $"Backend '{resource.Name}' keeps {signal.ToString().ToLowerInvariant()} for ever in {environment}: no RetentionPolicy rule and no retention.time bound them, and the maximum is {upper.Text}",
                            "give the backend a retention.time, or add a RetentionPolicy rule for its signal", $"for-ever/{environment}");
                    }
                }
            }
        }
    }

    /// <summary>The signal a backend keeps with no retention at all until one is set (Loki, Elasticsearch, InfluxDB), or null.</summary>
    private static Signal? KeptForEver(BackendSpec backend) =>
        backend.Loki is not null || backend.Elasticsearch is not null ? Signal.Logs : backend.Influxdb is not null ? Signal.Metrics : null;

    /// <summary>Whether a rule for every team sets how long the backend keeps the signal in the environment.</summary>
    private static bool RuleCovers(PolicyContext context, string backend, Signal signal, string environment) =>
        context.Spec.OfKind<RetentionPolicySpec>().SelectMany(p => p.Spec.Rules).Any(r => r.Signal == signal && r.Team is null
            && (r.Environment is null || r.Environment.Value == environment) && (r.Backend is null || r.Backend.Value == backend));

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

    /// <summary>The retention a backend's own settings give it; a Kafka's is a buffer's, not held to the bounds.</summary>
    private static Duration? RetentionOf(BackendSpec backend) =>
        backend.Prometheus?.Retention?.Time ?? backend.Loki?.Retention?.Time ?? backend.Elasticsearch?.Retention?.Time ?? backend.Tempo?.Retention?.Time
        ?? backend.Zipkin?.Retention?.Time ?? backend.Jaeger?.Retention?.Time ?? backend.Influxdb?.Retention?.Time;
}
