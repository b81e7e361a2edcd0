namespace Telc.Text;

/// <summary>A 1-based line and column, the way editors and CI annotations count them.</summary>
public readonly record struct LinePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
