using System.Text;

namespace Telc.Text;

/// <summary>A double-quoted string literal as Go reads it (strconv.Unquote), which PromQL and the collector's OTTL share.</summary>
public static class GoStringLiteral
{
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x20 || c == 0x7F => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
