using Telc.Text;

namespace Telc.Spec;

/// <summary>Base of every record bound from YAML: each keeps the location of the mapping it came from.</summary>
public abstract record SpecNode
{
    public SourceLocation Location { get; init; } = null!;
}
