using Telc.Emit.Kubernetes;

namespace Telc.Emit;

/// <summary>
/// The Kubernetes objects of one cluster as one multi-document YAML stream: what a GitOps tool applies for that cluster,
/// without the kustomization, the GitOps objects and the marker the rendered tree carries.
/// </summary>
public static class ManifestStream
{
    public const string Separator = "---\n";

    /// <summary>The cluster's objects, the Namespace first (everything else lives in it), then by file path.</summary>
    public static string Of(RenderResult rendered, string cluster)
    {
        var contents = rendered.Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        var documents = rendered.Objects
            .Where(o => o.Cluster == cluster)
            .OrderBy(o => o.Object is Namespace ? 0 : 1)
            .ThenBy(o => o.Path, StringComparer.Ordinal)
            .Select(o => contents[o.Path]);
        return string.Join(Separator, documents.Select(d => d.EndsWith('\n') ? d : d + "\n"));
    }
}
