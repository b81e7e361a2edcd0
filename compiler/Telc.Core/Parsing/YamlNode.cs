using System.Collections.Immutable;
using Telc.Text;

namespace Telc.Parsing;

/// <summary>A node of the YAML syntax tree. Aliases share the anchored node, so spans point at the anchor's text.</summary>
public abstract record YamlNode(TextSpan Span)
{
    public abstract string KindName { get; }
}

/// <summary>The type a scalar resolves to under the YAML 1.2 core schema.</summary>
public enum ScalarType
{
    Null,
    Bool,
    Int,
    Float,
    String,
}

public sealed record YamlScalar(string Value, ScalarType Type, bool IsPlain, TextSpan Span) : YamlNode(Span)
{
    public override string KindName => Type switch
    {
        ScalarType.Null => "null",
        ScalarType.Bool => "boolean",
        ScalarType.Int => "integer",
        ScalarType.Float => "number",
        _ => "string",
    };
}

public sealed record YamlEntry(YamlScalar Key, YamlNode Value);

public sealed record YamlMapping(ImmutableArray<YamlEntry> Entries, TextSpan Span) : YamlNode(Span)
{
    public override string KindName => "mapping";

    public YamlEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry;
            }
        }

        return null;
    }
}

public sealed record YamlSequence(ImmutableArray<YamlNode> Items, TextSpan Span) : YamlNode(Span)
{
    public override string KindName => "list";
}

/// <summary>One document of a file; <see cref="Index"/> counts documents from 0 within the file.</summary>
public sealed record YamlDocument(SourceFile File, int Index, YamlNode Root);
