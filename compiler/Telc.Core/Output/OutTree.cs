using System.Collections.Immutable;

namespace Telc.Output;

/// <summary>Builds <see cref="OutNode"/> trees by hand, for configs whose shape is data rather than a record: entries sorted by key, nulls left out.</summary>
public static class OutTree
{
    public static OutMap Map(params (string Key, object? Value)[] entries) => Map((IEnumerable<(string, object?)>)entries);

    public static OutMap Map(IEnumerable<(string Key, object? Value)> entries) =>
        new([.. entries.Where(e => e.Value is not null).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, Node(e.Value!)))]);

    public static OutSeq Seq(IEnumerable<object> items) => new([.. items.Select(Node)]);

    public static OutSeq Seq(params object[] items) => Seq((IEnumerable<object>)items);

    /// <summary>A sequence, or nothing when there are no items (so the key is left out).</summary>
    public static OutSeq? SeqOrNone(IEnumerable<object> items) => Seq(items) is { Items.IsEmpty: false } seq ? seq : null;

    private static OutNode Node(object value) => value switch
    {
        OutNode node => node,
        IEnumerable<string> strings => Seq(strings),
        _ => OutputSerializer.ToNode(value),
    };
}
