// The alerting path, and the stores that keep data for it, must survive one pod or node going away in production.
public sealed class ProdHighAvailability : Policy
{
    public override PolicyInfo Info { get; } = new(
        "prod-high-availability",
        "Prometheus, Alertmanager, Elasticsearch and Kafka are replicated in production",
        "reliability",
        PolicyLevel.Error,
        "With one replica, a node drain or a crash silences every alert until the pod is back. Prometheus and Alertmanager backends deployed to clusters of an environment whose tier is in the option 'tiers' (as the Project declares it), or whose name is in the option 'environments', run at least 'minReplicas' replicas; Elasticsearch and Kafka, which elect a master or controller by majority, run at least 'minQuorumReplicas' nodes, so that losing one leaves a majority.",
        [
            new("tiers", "production", "Comma-separated tiers (production, staging, development) whose environments are held to this."),
            new("environments", "", "Comma-separated environment names held to this as well, whatever their tier."),
            new("minReplicas", "2", "Fewest replicas accepted of Prometheus and Alertmanager."),
            new("minQuorumReplicas", "3", "Fewest nodes accepted of Elasticsearch and Kafka."),
        ]);

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        var (tiers, named) = (context.OptionList("tiers"), context.OptionList("environments"));
        var minimum = int.TryParse(context.Option("minReplicas"), out var parsed) ? parsed : 2;
        var quorum = int.TryParse(context.Option("minQuorumReplicas"), out var parsedQuorum) ? parsedQuorum : 3;
        foreach (var (resource, backend) in context.Spec.OfKind<BackendSpec>())
        {
            var (what, field, replicas, least) = backend switch
            {
                { Prometheus: { } prometheus } => ("Prometheus", "prometheus", prometheus.Replicas, minimum),
                { Alertmanager: { } alertmanager } => ("Alertmanager", "alertmanager", alertmanager.Replicas, minimum),
                { Elasticsearch: { } elasticsearch } => ("Elasticsearch", "elasticsearch", elasticsearch.Replicas, quorum),
                { Kafka: { } kafka } => ("Kafka", "kafka", kafka.Replicas, quorum),
                _ => (null, null, 0, 0),
            };
            if (what is null || replicas >= least)
            {
                continue;
            }

            if (context.EnvironmentsOf(backend).FirstOrDefault(e => context.IsHeld(e, tiers, named)) is { } environment)
            {
                yield return context.FindingAt(resource, $"{field}.replicas", $"{what} '{resource.Name}' runs {replicas} {(least == quorum ? "node" : "replica")}{(replicas == 1 ? "" : "s")} in {environment}",
                    least == quorum ? $"set replicas: {least} or more, so that losing one node leaves a majority to elect a {(what == "Kafka" ? "controller" : "master")}" : $"set replicas: {least} or more");
            }
        }
    }
}
