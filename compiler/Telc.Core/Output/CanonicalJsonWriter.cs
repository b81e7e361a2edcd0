using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Telc.Output;

/// <summary>
/// Writes <see cref="OutNode"/> trees as one canonical JSON: two-space indentation, LF line ends, keys in the order the
/// tree holds them, non-ASCII text as it is, and a final line end.
/// </summary>
public static class CanonicalJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(OutNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(node, writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Write(OutNode node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case OutMap map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Entries)
                {
                    writer.WritePropertyName(key);
                    Write(value, writer);
                }

                writer.WriteEndObject();
                break;
            case OutSeq seq:
                writer.WriteStartArray();
                foreach (var item in seq.Items)
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case OutScalar { Kind: OutScalarKind.String } text:
                writer.WriteStringValue(text.Text);
                break;
            case OutScalar { Kind: OutScalarKind.Null }:
                writer.WriteNullValue();
                break;
            case OutScalar scalar:
                writer.WriteRawValue(scalar.Text);
                break;
        }
    }
}
