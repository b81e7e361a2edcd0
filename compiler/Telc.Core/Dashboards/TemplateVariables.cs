using System.Text.RegularExpressions;

namespace Telc.Dashboards;

/// <summary>Grafana's template variable syntax ($name, ${name}, ${name:format}, [[name]]) and the variables Grafana defines itself.</summary>
public static partial class TemplateVariables
{
    /// <summary>The variable a whole value names ("$datasource", "${DS_PROMETHEUS}"); null when the value is not one variable.</summary>
    public static string? NameOf(string value)
    {
        var match = Use().Match(value);
        return match.Success && match.Length == value.Length ? Name(match) : null;
    }

    /// <summary>Every variable the text uses, with its offset and length in the text.</summary>
    public static IEnumerable<(string Name, int Start, int Length)> Uses(string text)
    {
        foreach (Match match in Use().Matches(text))
        {
            yield return (Name(match), match.Index, match.Length);
        }
    }

    /// <summary>Grafana's own variables ($__interval, $__rate_interval, $__range, $__from …) and the old $timeFilter.</summary>
    public static bool IsBuiltIn(string name) => name.StartsWith("__", StringComparison.Ordinal) || name == "timeFilter";

    private static string Name(Match match) => match.Groups["a"].Success ? match.Groups["a"].Value : match.Groups["b"].Success ? match.Groups["b"].Value : match.Groups["c"].Value;

    [GeneratedRegex(@"\$(?<a>[A-Za-z_][A-Za-z0-9_]*)|\$\{(?<b>[A-Za-z0-9_.]+)(?::[^}]*)?\}|\[\[(?<c>[A-Za-z0-9_.]+)(?::[^\]]*)?\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex Use();
}
