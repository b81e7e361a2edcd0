using Telc.Text;

namespace Telc.Spec;

/// <summary>A scalar value together with where it was written, for values that later checks point at.</summary>
public sealed record Located<T>(T Value, SourceLocation Location)
{
    public override string ToString() => Value?.ToString() ?? string.Empty;
}
