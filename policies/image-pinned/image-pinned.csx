// Rendered containers run a fixed image, so what was reviewed is what runs.
public sealed class ImagePinned : Policy
{
    public override PolicyInfo Info { get; } = new(
        "image-pinned",
        "Images are pinned",
        "supply-chain",
        PolicyLevel.Error,
        "An image without a tag, or tagged latest, changes under a running cluster without a pull request. Every rendered container names a version tag or a digest.");

    public override IEnumerable<PolicyFinding> Check(PolicyContext context) =>
        from rendered in context.Objects
        from container in rendered.Containers
        where !IsPinned(container.Image)
        select context.Finding(rendered, $"container '{container.Name}' of {rendered.Object.Kind} '{rendered.Object.Metadata.Name}' in cluster '{rendered.Cluster}' runs unpinned image '{container.Image}'",
            "use a version tag or a digest (image@sha256:…)");

    private static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return true;
        }

        var name = image[(image.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        return colon > 0 && name[(colon + 1)..] is var tag && tag.Length > 0 && tag != "latest";
    }
}
