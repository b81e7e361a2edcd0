using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Telc.Diagnostics;
using Telc.Text;

namespace Telc.Parsing.Json;

/// <summary>
/// Reads JSON (RFC 8259, nothing more: no comments, no trailing commas) into a <see cref="JsonTreeNode"/> with
/// positions. The first problem ends the read with a TELC117 at its line and column; a key twice in one object is
/// one, since Grafana would keep the last silently. Nesting is bounded like YAML's, so a hostile file cannot
/// exhaust the stack.
/// </summary>
public sealed class JsonTreeParser
{
    private const int MaxDepth = 100;

    private readonly string text;
    private int position;

    private JsonTreeParser(string text) => this.text = text;

    /// <summary>The file's value, or null after reporting why it is not JSON.</summary>
    public static JsonTreeNode? Parse(SourceFile file, ICollection<Diagnostic> diagnostics)
    {
        var parser = new JsonTreeParser(file.Text);
        try
        {
            parser.SkipWhitespace();
            var value = parser.Value(0);
            parser.SkipWhitespace();
            if (parser.position < parser.text.Length)
            {
                throw parser.Problem("more text after the JSON value", "a JSON file holds exactly one value; remove what follows it");
            }

            return value;
        }
        catch (JsonProblem problem)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.JsonSyntax, file.Locate(problem.Span), problem.Message, problem.Hint));
            return null;
        }
    }

    private JsonTreeNode Value(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Problem($"nested more than {MaxDepth} levels deep", "no dashboard needs this; telc stops reading the file");
        }

        if (position >= text.Length)
        {
            throw Problem("the file ends where a value should start", "the JSON is cut short; export it again");
        }

        return text[position] switch
        {
            '{' => Object(depth),
            '[' => Array(depth),
            '"' => String(),
            '-' or (>= '0' and <= '9') => Number(),
            't' => Literal("true"),
            'f' => Literal("false"),
            'n' => Literal("null"),
            _ => throw Problem($"unexpected character '{Printable(text[position])}' where a value should start", "a JSON value is an object, array, string, number, true, false or null"),
        };
    }

    private JsonObjectNode Object(int depth)
    {
        var start = position++;
        var members = ImmutableArray.CreateBuilder<JsonMember>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        SkipWhitespace();
        if (Peek() == '}')
        {
            position++;
            return new JsonObjectNode(TextSpan.FromBounds(start, position), members.ToImmutable());
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Problem("expected a key in double quotes", Peek() == '}' ? "remove the comma before '}'" : "object keys are strings in double quotes");
            }

            var key = String();
            if (!keys.Add(key.Value))
            {
                throw new JsonProblem(key.Span, $"key '{key.Value}' appears twice in this object", "Grafana would keep the last one silently; remove the other");
            }

            SkipWhitespace();
            Expect(':', "a key is followed by ':' and its value");
            SkipWhitespace();
            members.Add(new JsonMember(key.Value, key.Span, Value(depth + 1)));
            SkipWhitespace();
            if (Peek() == ',')
            {
                position++;
                continue;
            }

            Expect('}', "members are separated by ',' and the object ends with '}'");
            return new JsonObjectNode(TextSpan.FromBounds(start, position), members.ToImmutable());
        }
    }

    private JsonArrayNode Array(int depth)
    {
        var start = position++;
        var items = ImmutableArray.CreateBuilder<JsonTreeNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            position++;
            return new JsonArrayNode(TextSpan.FromBounds(start, position), items.ToImmutable());
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() == ']')
            {
                throw Problem("a comma before ']'", "remove the comma after the last item");
            }

            items.Add(Value(depth + 1));
            SkipWhitespace();
            if (Peek() == ',')
            {
                position++;
                continue;
            }

            Expect(']', "items are separated by ',' and the array ends with ']'");
            return new JsonArrayNode(TextSpan.FromBounds(start, position), items.ToImmutable());
        }
    }

    private JsonStringNode String()
    {
        var start = position++;
        var value = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw new JsonProblem(new TextSpan(start, 1), "a string is not closed", "add the closing '\"'");
            }

            var c = text[position];
            if (c == '"')
            {
                position++;
                return new JsonStringNode(TextSpan.FromBounds(start, position), value.ToString());
            }

            if (c < ' ')
            {
                throw Problem($"a control character ({Printable(c)}) inside a string", "write a line break as \\n and a tab as \\t");
            }

            if (c != '\\')
            {
                value.Append(c);
                position++;
                continue;
            }

            var escape = position + 1 < text.Length ? text[position + 1] : '\0';
            switch (escape)
            {
                case '"' or '\\' or '/':
                    value.Append(escape);
                    break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u' when position + 6 <= text.Length && ushort.TryParse(text.AsSpan(position + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    position += 4;
                    break;
                default:
                    throw new JsonProblem(new TextSpan(position, 2), $"'\\{Printable(escape)}' is not a JSON escape", "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\");
            }

            position += 2;
        }
    }

    private JsonNumberNode Number()
    {
        var start = position;
        if (Peek() == '-')
        {
            position++;
        }

        if (Peek() == '0')
        {
            position++;
        }
        else if (!Digits())
        {
            throw Problem("a number needs digits", "write numbers like 12, -0.5 or 1e3");
        }

        if (Peek() == '.')
        {
            position++;
            if (!Digits())
            {
                throw Problem("a number needs digits after '.'", "write numbers like 12, -0.5 or 1e3");
            }
        }

        if (Peek() is 'e' or 'E')
        {
            position++;
            if (Peek() is '+' or '-')
            {
                position++;
            }

            if (!Digits())
            {
                throw Problem("a number needs digits in its exponent", "write numbers like 12, -0.5 or 1e3");
            }
        }

        return new JsonNumberNode(TextSpan.FromBounds(start, position), text[start..position]);
    }

    private bool Digits()
    {
        var start = position;
        while (Peek() is >= '0' and <= '9')
        {
            position++;
        }

        return position > start;
    }

    private JsonLiteralNode Literal(string literal)
    {
        if (string.CompareOrdinal(text, position, literal, 0, literal.Length) != 0)
        {
            throw Problem("unexpected word where a value should start", "JSON writes true, false and null in lower case and strings in double quotes");
        }

        var start = position;
        position += literal.Length;
        return new JsonLiteralNode(new TextSpan(start, literal.Length), literal);
    }

    private void Expect(char expected, string hint)
    {
        if (Peek() != expected)
        {
            throw Problem(position >= text.Length ? $"the file ends where '{expected}' should be" : $"expected '{expected}', found '{Printable(text[position])}'", hint);
        }

        position++;
    }

    private char Peek() => position < text.Length ? text[position] : '\0';

    private void SkipWhitespace()
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r')
        {
            position++;
        }
    }

    private JsonProblem Problem(string message, string hint) => new(new TextSpan(Math.Min(position, text.Length), position < text.Length ? 1 : 0), message, hint);

    private static string Printable(char c) => c < ' ' || c == '\u007f' ? $"\\u{(int)c:x4}" : c.ToString();

    private sealed class JsonProblem(TextSpan span, string message, string hint) : Exception(message)
    {
        public TextSpan Span { get; } = span;

        public string Hint { get; } = hint;
    }
}
