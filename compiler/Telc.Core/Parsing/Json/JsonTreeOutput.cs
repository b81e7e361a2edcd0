namespace Telc.Parsing.Json;

/// <summary>A read JSON tree as a rendered document, written by the canonical writers.</summary>
public static class JsonTreeOutput
{
    public static Output.OutNode Of(JsonTreeNode node) => node switch
    {
        JsonObjectNode obj => new Output.OutMap([.. obj.Members.Select(m => KeyValuePair.Create(m.Key, Of(m.Value)))]),
        JsonArrayNode array => new Output.OutSeq([.. array.Items.Select(Of)]),
        JsonStringNode s => Output.OutScalar.String(s.Value),
        JsonNumberNode n => new Output.OutScalar(n.Text, Output.OutScalarKind.Number),
        JsonLiteralNode { Text: "null" } => new Output.OutScalar("null", Output.OutScalarKind.Null),
        JsonLiteralNode literal => new Output.OutScalar(literal.Text, Output.OutScalarKind.Bool),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
