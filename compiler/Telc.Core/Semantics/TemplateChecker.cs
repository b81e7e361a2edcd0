using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// Checks the Go templates of alert labels and annotations ({{ $labels.instance }}, {{ $value | humanize }}):
/// balanced actions and only functions that Prometheus' template engine defines.
/// </summary>
public static partial class TemplateChecker
{
    private static readonly HashSet<string> KnownFunctions = new(StringComparer.Ordinal)
    {
        // Prometheus (template.go)
        "args", "externalURL", "first", "graphLink", "humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp",
        "label", "match", "parseDuration", "pathPrefix", "query", "reReplaceAll", "safeHtml", "sortByLabel", "stripDomain", "stripPort",
        "strvalue", "tableLink", "title", "toDuration", "toLower", "toTime", "toUpper", "value", "now",
        // Go text/template
        "and", "call", "html", "index", "js", "len", "not", "or", "print", "printf", "println", "slice", "urlquery", "eq", "ge", "gt", "le", "lt", "ne",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "else", "end", "range", "with", "define", "template", "block", "nil", "true", "false", "break", "continue",
    };

    /// <summary>Problems in one template, or none.</summary>
    public static IEnumerable<string> Problems(string template)
    {
        var position = 0;
        while ((position = template.IndexOf("{{", position, StringComparison.Ordinal)) >= 0)
        {
            var close = template.IndexOf("}}", position + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                yield return $"'{{{{' at character {position + 1} is never closed with '}}}}'";
                yield break;
            }

            var action = template[(position + 2)..close].Trim('-', ' ', '\t', '\n');
            if (!action.StartsWith("/*", StringComparison.Ordinal))
            {
                foreach (Match word in Word().Matches(StripStrings(action)))
                {
                    var name = word.Value;
                    if (!Keywords.Contains(name) && !KnownFunctions.Contains(name))
                    {
                        yield return $"'{name}' is not a template function Prometheus knows";
                    }
                }
            }

            position = close + 2;
        }
    }

    public static void Check(string? template, string field, SourceLocation location, List<Diagnostic> diagnostics)
    {
        if (template is null)
        {
            return;
        }

        foreach (var problem in Problems(template))
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.AlertTemplate, location, $"in {field}: {problem}",
                "use {{ $labels.name }}, {{ $value }} and functions such as humanize, humanizePercentage, humanizeDuration"));
        }
    }

    private static string StripStrings(string action) => QuotedString().Replace(action, " ");

    // Bare identifiers in function position: not $variables, not .fields, not numbers.
    [GeneratedRegex(@"(?<![\w$.])[A-Za-z_][A-Za-z0-9_]*(?![\w.])")]
    private static partial Regex Word();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|`[^`]*`|'(?:[^'\\]|\\.)*'")]
    private static partial Regex QuotedString();
}
