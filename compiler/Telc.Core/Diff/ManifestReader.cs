using System.Collections.Immutable;
using Telc.Emit;
using Telc.Parsing;
using Telc.Text;

namespace Telc.Diff;

/// <summary>Reads rendered files back into objects keyed by identity: what the diff compares, as a GitOps tool would see it.</summary>
public static class ManifestReader
{
    private const string ClusterFolder = "clusters/";

    public static ImmutableArray<ManifestObject> Read(IEnumerable<OutputFile> files) => Read(files, new(StringComparer.Ordinal));

    /// <remarks>
    /// Files with the same text are parsed once and share their tree: the rule ConfigMaps of fifty clusters are
    /// usually identical, and sharing also lets <see cref="SpecDiffer"/> compare each pair of trees once.
    /// </remarks>
    public static ImmutableArray<ManifestObject> Read(IEnumerable<OutputFile> files, Dictionary<string, IReadOnlyList<YamlDocument>> parsed)
    {
        var objects = ImmutableArray.CreateBuilder<ManifestObject>();
        foreach (var file in files)
        {
            if (!file.Path.EndsWith(".yaml", StringComparison.Ordinal) || file.Path.EndsWith("/kustomization.yaml", StringComparison.Ordinal))
            {
                continue;
            }

            if (!parsed.TryGetValue(file.Content, out var documents))
            {
                documents = parsed[file.Content] = YamlParser.Parse(new SourceFile(file.Path, file.Path, file.Content)).Documents;
            }

            foreach (var document in documents)
            {
                if (document.Root is YamlMapping root && Identify(file.Path, root) is { } identity)
                {
                    objects.Add(new ManifestObject(identity, file.Path, root));
                }
            }
        }

        return objects.ToImmutable();
    }

    public static string? Scalar(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = (node as YamlMapping)?.Find(key)?.Value;
        }

        return (node as YamlScalar)?.Value;
    }

    private static ObjectIdentity? Identify(string path, YamlMapping root)
    {
        var apiVersion = Scalar(root, "apiVersion");
        var kind = Scalar(root, "kind");
        var name = Scalar(root, "metadata", "name");
        if (apiVersion is null || kind is null || name is null)
        {
            return null;
        }

        var cluster = path.StartsWith(ClusterFolder, StringComparison.Ordinal) && path.IndexOf('/', ClusterFolder.Length) is > 0 and var end
            ? path[ClusterFolder.Length..end]
            : string.Empty;
        return new ObjectIdentity(cluster, apiVersion, kind, Scalar(root, "metadata", "namespace") ?? string.Empty, name);
    }
}
