namespace Telc.Parsing;

/// <summary>Bounds that keep hostile YAML (alias bombs, deep nesting) cheap to reject.</summary>
public static class YamlLimits
{
    /// <summary>Nodes one document may expand to once aliases are followed.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Nesting of mappings and lists; real specs stay far below it.</summary>
    public const int MaxDepth = 100;
}
