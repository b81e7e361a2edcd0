using System.Text;
using System.Text.RegularExpressions;

namespace Telc.Output;

/// <summary>
/// Writes <see cref="OutNode"/> trees as one canonical YAML: block style, two-space indentation, LF line ends,
/// strings plain only where every YAML 1.1 and 1.2 reader takes them as strings, multi-line text as literal blocks.
/// </summary>
public static partial class CanonicalYamlWriter
{
    /// <summary>A typed output record as canonical YAML.</summary>
    public static string Write(object value) => Write(OutputSerializer.ToNode(value));

    public static string Write(OutNode node)
    {
        var text = new StringBuilder();
        WriteBlock(node, text, 0);
        return text.ToString();
    }

    private static void WriteBlock(OutNode node, StringBuilder text, int indent)
    {
        switch (node)
        {
            case OutMap { Entries.IsEmpty: false } map:
                foreach (var (key, value) in map.Entries)
                {
                    text.Append(' ', indent).Append(Key(key)).Append(':');
                    WriteValue(value, text, indent);
                }

                break;
            case OutSeq { Items.IsEmpty: false } seq:
                foreach (var item in seq.Items)
                {
                    text.Append(' ', indent).Append('-');
                    if (item is OutMap { Entries.IsEmpty: false } itemMap)
                    {
                        // The first entry shares the dash's line; the others align under it.
                        var nested = new StringBuilder();
                        WriteBlock(itemMap, nested, indent + 2);
                        text.Append(' ').Append(nested.ToString(indent + 2, nested.Length - indent - 2));
                    }
                    else
                    {
                        WriteValue(item, text, indent);
                    }
                }

                break;
            default:
                text.Append(' ', indent).Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(OutNode value, StringBuilder text, int indent)
    {
        switch (value)
        {
            case OutMap { Entries.IsEmpty: false }:
                text.Append('\n');
                WriteBlock(value, text, indent + 2);
                break;
            case OutSeq { Items.IsEmpty: false }:
                text.Append('\n');
                WriteBlock(value, text, indent + 2);
                break;
            case OutScalar { Kind: OutScalarKind.String } scalar when IsLiteralBlock(scalar.Text):
                text.Append(scalar.Text.EndsWith('\n') ? " |" : " |-").Append('\n');
                foreach (var line in scalar.Text.TrimEnd('\n').Split('\n'))
                {
                    if (line.Length > 0)
                    {
                        text.Append(' ', indent + 2).Append(line);
                    }

                    text.Append('\n');
                }

                break;
            default:
                text.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static string Inline(OutNode node) => node switch
    {
        OutMap => "{}",
        OutSeq => "[]",
        OutScalar { Kind: OutScalarKind.String } s => Quote(s.Text),
        OutScalar { Kind: OutScalarKind.Null } => "null",
        OutScalar s => s.Text,
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static string Key(string key) => Quote(key);

    /// <summary>Plain when unambiguous, otherwise double-quoted with JSON-compatible escapes.</summary>
    public static string Quote(string text)
    {
        if (PlainSafe().IsMatch(text) && !Ambiguous().IsMatch(text))
        {
            return text;
        }

        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>Multi-line text without trailing spaces or a leading space reads best as a literal block.</summary>
    private static bool IsLiteralBlock(string text) =>
        text.Contains('\n') && !text.Contains('\r') && !text.Contains('\t') && !text.StartsWith(' ') && !text.TrimEnd('\n').Contains("\n\n\n")
        && text.Split('\n').All(line => !line.EndsWith(' ')) && !text.EndsWith("\n\n", StringComparison.Ordinal)
        && text.All(c => c == '\n' || !char.IsControl(c));

    [GeneratedRegex(@"^[A-Za-z_/.$][A-Za-z0-9_./:$@+=-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainSafe();

    // Words that some YAML reader (1.1 or 1.2) takes as booleans, nulls or numbers, and text that looks like a number.
    [GeneratedRegex(@"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN|[-+]?\.[0-9].*|.*:[0-9]*$|.*:$|.*[-:]$)$", RegexOptions.CultureInvariant)]
    private static partial Regex Ambiguous();
}
