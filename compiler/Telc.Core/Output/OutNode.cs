using System.Collections.Immutable;

namespace Telc.Output;

/// <summary>A node of a rendered document, before it is written as canonical YAML or JSON.</summary>
public abstract record OutNode;

public enum OutScalarKind
{
    String,
    Number,
    Bool,
    Null,
}

public sealed record OutScalar(string Text, OutScalarKind Kind) : OutNode
{
    public static OutScalar String(string text) => new(text, OutScalarKind.String);
}

/// <summary>A mapping whose entries keep the order they were built in.</summary>
public sealed record OutMap(ImmutableArray<KeyValuePair<string, OutNode>> Entries) : OutNode;

public sealed record OutSeq(ImmutableArray<OutNode> Items) : OutNode;
