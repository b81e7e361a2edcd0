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
}
