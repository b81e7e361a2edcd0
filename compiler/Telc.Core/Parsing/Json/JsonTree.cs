using System.Collections.Immutable;
using Telc.Text;

namespace Telc.Parsing.Json;

/// <summary>
/// A JSON value read from a spec file with where it stands in that file, so a finding inside a JSON document (a
/// dashboard's query) points at its line and column. Immutable: rewriting makes a new tree.
/// </summary>
public abstract record JsonTreeNode(TextSpan Span);

public sealed record JsonObjectNode(TextSpan Span, ImmutableArray<JsonMember> Members) : JsonTreeNode(Span)
{
    public JsonTreeNode? this[string key] => Members.FirstOrDefault(m => m.Key == key)?.Value;

    public string? StringOf(string key) => this[key] is JsonStringNode s ? s.Value : null;

    /// <summary>This object with the member's value replaced, or the member added at the end; null removes it.</summary>
    public JsonObjectNode With(string key, JsonTreeNode? value)
    {
        var index = Members.IndexOf(Members.FirstOrDefault(m => m.Key == key)!);
        if (value is null)
        {
            return index < 0 ? this : this with { Members = Members.RemoveAt(index) };
        }

        var member = new JsonMember(key, index < 0 ? default : Members[index].KeySpan, value);
        return this with { Members = index < 0 ? Members.Add(member) : Members.SetItem(index, member) };
    }
}

public sealed record JsonMember(string Key, TextSpan KeySpan, JsonTreeNode Value);

public sealed record JsonArrayNode(TextSpan Span, ImmutableArray<JsonTreeNode> Items) : JsonTreeNode(Span);

public sealed record JsonStringNode(TextSpan Span, string Value) : JsonTreeNode(Span);

/// <summary>A number as written, so it is written back exactly.</summary>
public sealed record JsonNumberNode(TextSpan Span, string Text) : JsonTreeNode(Span);

/// <summary>true, false or null.</summary>
public sealed record JsonLiteralNode(TextSpan Span, string Text) : JsonTreeNode(Span);
