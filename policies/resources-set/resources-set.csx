// Rendered containers declare what they need, so the scheduler places them and a leak cannot take the node down.
public sealed class ResourcesSet : Policy
{
    public override PolicyInfo Info { get; } = new(
        "resources-set",
        "Containers set requests and a memory limit",
        "reliability",
        PolicyLevel.Error,
        "A container without CPU and memory requests is placed blindly, and one without a memory limit can exhaust its node. Every rendered container sets requests for cpu and memory and a memory limit.");

    public override IEnumerable<PolicyFinding> Check(PolicyContext context) =>
        from rendered in context.Objects
        from container in rendered.Containers
        let missing = Missing(container.Resources).ToArray()
        where missing.Length > 0
        select context.Finding(rendered, $"container '{container.Name}' of {rendered.Object.Kind} '{rendered.Object.Metadata.Name}' in cluster '{rendered.Cluster}' has no {string.Join(", ", missing)}",
            "set resources: on the component in the spec");

    private static IEnumerable<string> Missing(Telc.Emit.Kubernetes.ResourceRequirements resources)
    {
        if (resources.Requests is null || !resources.Requests.ContainsKey("cpu"))
        {
            yield return "cpu request";
        }

        if (resources.Requests is null || !resources.Requests.ContainsKey("memory"))
        {
            yield return "memory request";
        }

        if (resources.Limits is null || !resources.Limits.ContainsKey("memory"))
        {
            yield return "memory limit";
        }
    }
}
