using Telc.Parsing;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Spec;

/// <summary>
/// One bound document: its kind, metadata and typed spec. An incomplete resource had schema errors: its failed
/// fields hold placeholders, so only gap-tolerant checks (names, references) look at it.
/// </summary>
public sealed record Resource(KindInfo Kind, Metadata Metadata, SpecNode Spec, YamlDocument Document, bool IsComplete)
{
    public string Name => Metadata.Name.Value;

    public SourceFile File => Document.File;

    public SourceLocation Location => Metadata.Name.Location;

    public string DisplayName => $"{Kind.Name}/{Name}";

    /// <summary>The preset this resource comes from, with the clusters it applies to; null for a document of the spec.</summary>
    public Presets.PresetOrigin? Origin { get; init; }

    /// <summary>
    /// What the resource is made from, as a key for what is rendered from it once: its document, and for a preset's, the
    /// expansion (whose clusters no other expansion of the same preset has).
    /// </summary>
    public string SourceKey => $"{File.Path}#{Document.Index}{(Origin is null ? string.Empty : "@" + Origin.Clusters.Min)}";

    /// <summary>Whether the resource applies to a cluster: a spec document to every one, a preset's only to the clusters that switch it on.</summary>
    public bool AppliesTo(string cluster) => Origin is null || Origin.Clusters.Contains(cluster);
}
