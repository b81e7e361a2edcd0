namespace Telc.LogQL;

/// <summary>
/// Loki's pattern syntax (pkg/logql/log/pattern): literal text and captures &lt;name&gt;, where &lt;_&gt; captures
/// without naming. The pattern parser needs named captures; a pattern line filter (|&gt;, !&gt;) takes only &lt;_&gt;.
/// Neither allows two captures side by side, which could split the text anywhere.
/// </summary>
public static class LinePattern
{
    public static string? ParserProblem(string pattern)
    {
        var captures = Captures(pattern, out var consecutive);
        var named = captures.Where(c => c != "_").ToList();
        if (named.Count == 0)
        {
            return "at least one named capture such as <status> is required";
        }

        if (consecutive is not null)
        {
            return $"the captures {consecutive} follow each other with no text between them";
        }

        return named.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate
            ? $"the capture <{duplicate.Key}> appears twice"
            : null;
    }

    public static string? LineFilterProblem(string pattern)
    {
        var captures = Captures(pattern, out var consecutive);
        if (consecutive is not null)
        {
            return $"invalid pattern line filter: the captures {consecutive} follow each other with no text between them";
        }

        return captures.FirstOrDefault(c => c != "_") is { } name
            ? $"a pattern line filter matches with <_> only; named captures such as <{name}> belong in | pattern"
            : null;
    }

    /// <summary>The capture names in order, and the first two captures with nothing between them, if any.</summary>
    private static List<string> Captures(string pattern, out string? consecutive)
    {
        var captures = new List<string>();
        consecutive = null;
        var previousEnd = -1;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '<' || CaptureLength(pattern, i) is not { } length)
            {
                continue;
            }

            var name = pattern.Substring(i + 1, length - 2);
            if (previousEnd == i && consecutive is null)
            {
                consecutive = $"<{captures[^1]}><{name}>";
            }

            captures.Add(name);
            previousEnd = i + length;
            i += length - 1;
        }

        return captures;
    }

    private static int? CaptureLength(string pattern, int start)
    {
        var i = start + 1;
        if (i >= pattern.Length || !(char.IsAsciiLetter(pattern[i]) || pattern[i] == '_'))
        {
            return null;
        }

        while (i < pattern.Length && (char.IsAsciiLetterOrDigit(pattern[i]) || pattern[i] == '_'))
        {
            i++;
        }

        return i < pattern.Length && pattern[i] == '>' ? i + 1 - start : null;
    }
}
