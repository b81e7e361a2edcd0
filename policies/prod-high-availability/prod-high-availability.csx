// The alerting path must survive one pod or node going away in production.
public sealed class ProdHighAvailability : Policy
{
    public override PolicyInfo Info { get; } = new(
        "prod-high-availability",
        "Prometheus and Alertmanager are replicated in production",
        "reliability",
        PolicyLevel.Error,
        "With one replica, a node drain or a crash silences every alert until the pod is back. Prometheus and Alertmanager backends deployed to clusters of an environment whose tier is in the option 'tiers' (as the Project declares it), or whose name is in the option 'environments', run at least 'minReplicas' replicas.",
        [
            new("tiers", "production", "Comma-separated tiers (production, staging, development) whose environments are held to this."),
            new("environments", "", "Comma-separated environment names held to this as well, whatever their tier."),
            new("minReplicas", "2", "Fewest replicas accepted."),
        ]);

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        var (tiers, named) = (context.OptionList("tiers"), context.OptionList("environments"));
        var minimum = int.TryParse(context.Option("minReplicas"), out var parsed) ? parsed : 2;
        foreach (var (resource, backend) in context.Spec.OfKind<BackendSpec>())
        {
            var (what, replicas) = backend.Prometheus is { } prometheus ? ("Prometheus", prometheus.Replicas)
                : backend.Alertmanager is { } alertmanager ? ("Alertmanager", alertmanager.Replicas)
                : (null, 0);
            if (what is null || replicas >= minimum)
            {
                continue;
            }

            if (context.EnvironmentsOf(backend).FirstOrDefault(e => context.IsHeld(e, tiers, named)) is { } environment)
            {
                yield return context.FindingAt(resource, backend.Prometheus is not null ? "prometheus.replicas" : "alertmanager.replicas", $"{what} '{resource.Name}' runs {replicas} replica{(replicas == 1 ? "" : "s")} in {environment}",
                    $"set replicas: {minimum} or more");
            }
        }
    }
}
