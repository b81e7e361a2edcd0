using System.Text;
using System.Text.RegularExpressions;

namespace Telc.Semantics;

/// <summary>
/// Grafana's template variables in a dashboard query ($namespace, ${pod:regex}, [[job]], $__auto, $__rate_interval …),
/// which Grafana replaces before the data source sees the query. Outside quoted strings each one is replaced by text
/// of the same length that the query language reads where the variable stands: a duration as a range, as a
/// subquery's range or step, or after offset; a label name before a matcher or in a label list; a number anywhere
/// else. Inside strings variables stay: they are values there, whatever Grafana puts in. Positions in the query stay
/// right, so errors point into the dashboard's own text.
/// </summary>
public static partial class GrafanaVariables
{
    public static bool Contains(string query) => Variable().IsMatch(query);

    public static string Substitute(string query)
    {
        if (!Contains(query))
        {
            return query;
        }

        var text = new StringBuilder(query);
        var strings = StringSpans(query);
        foreach (Match match in Variable().Matches(query))
        {
            if (strings.Any(s => match.Index > s.Start && match.Index < s.End))
            {
                continue;
            }

            var replacement = Context(query, match) switch
            {
                VariableUse.Duration => new string('0', match.Length - 2) + "5m",
                VariableUse.LabelName => Regex.Replace(match.Value, "[^A-Za-z0-9_]", "_"),
                _ => "1" + new string(' ', match.Length - 1),
            };
            text.Remove(match.Index, match.Length).Insert(match.Index, replacement);
        }

        return text.ToString();
    }

    private enum VariableUse
    {
        Number,
        Duration,
        LabelName,
    }

    private static VariableUse Context(string query, Match match)
    {
        var before = query[..match.Index].TrimEnd();
        var after = query[(match.Index + match.Length)..].TrimStart();
        if (InRangeBrackets(before, after) || before.EndsWith("offset", StringComparison.OrdinalIgnoreCase))
        {
            return VariableUse.Duration;
        }

        if (after.Length > 0 && after[0] is '=' or '!' && !after.StartsWith("==", StringComparison.Ordinal) || before.EndsWith('{') || InLabelList(before))
        {
            return VariableUse.LabelName;
        }

        return VariableUse.Number;
    }

    /// <summary>
    /// Whether the variable is a range [$x], or the range or step of a subquery [$x:$y]: Prometheus before 3 reads
    /// only a duration with its unit there, so a number would make a working query invalid.
    /// </summary>
    private static bool InRangeBrackets(string before, string after)
    {
        var isRange = before.EndsWith('[');
        var range = Variable().Replace(before, "v");
        var isStep = range.EndsWith(':') && range.LastIndexOf('[') > range.LastIndexOfAny([']', '{', '}', '(', ')']);
        return (isRange || isStep) && (after.StartsWith(']') || isRange && after.StartsWith(':'));
    }

    /// <summary>Whether the text before is inside the parentheses of by, without, on or ignoring, or after a comma in braces.</summary>
    private static bool InLabelList(string before)
    {
        var open = before.LastIndexOfAny(['(', ')', '{', '}']);
        if (open < 0 || before[open] is ')' or '}')
        {
            return false;
        }

        if (before[open] == '{')
        {
            return before.EndsWith(',');
        }

        return LabelListKeyword().IsMatch(before[..open]);
    }

    private static List<(int Start, int End)> StringSpans(string query)
    {
        var spans = new List<(int, int)>();
        for (var i = 0; i < query.Length; i++)
        {
            if (query[i] is not ('"' or '`' or '\''))
            {
                continue;
            }

            var quote = query[i];
            var end = i + 1;
            while (end < query.Length && query[end] != quote)
            {
                end += query[end] == '\\' && quote != '`' ? 2 : 1;
            }

            spans.Add((i, end));
            i = end;
        }

        return spans;
    }

    [GeneratedRegex(@"\$\{[A-Za-z0-9_.:]+\}|\[\[[A-Za-z0-9_.:]+\]\]|\$[A-Za-z_][A-Za-z0-9_]*", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelListKeyword();
}
