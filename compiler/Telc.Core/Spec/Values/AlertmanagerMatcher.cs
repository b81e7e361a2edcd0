using System.Text.RegularExpressions;

namespace Telc.Spec.Values;

/// <summary>An Alertmanager label matcher such as <c>severity="critical"</c> or <c>team=~"pay.*"</c>.</summary>
public sealed partial class AlertmanagerMatcher(string label, string op, string value)
{
    private Regex? pattern;

    /// <summary>
    /// Exactly the texts <see cref="Parse"/> accepts, as a plain regular expression the JSON Schemas carry, so that an
    /// editor refuses what telc refuses: an unquoted value may not start with '=' or '~' (a==b, a=~~b).
    /// </summary>
    public const string SyntaxPattern = """^\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=~|!~|!=|=)\s*("([^"\\]|\\.)*"|([^"\s=~][^"\s]*)?)\s*$""";

    public string Label { get; } = label;

    /// <summary><c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</summary>
    public string Operator { get; } = op;

    public string Value { get; } = value;

    /// <summary>
    /// The matcher, or null when the text is not one (<c>a==b</c> and <c>a=~~b</c> are not). A quoted value loses its
    /// quotes and has its doubled backslashes halved.
    /// </summary>
    public static AlertmanagerMatcher? Parse(string text)
    {
        var match = Syntax().Match(text);
        var value = match.Groups["value"].Value;
        if (!match.Success || value.StartsWith('=') || value.StartsWith('~'))
        {
            return null;
        }

        return new AlertmanagerMatcher(match.Groups["label"].Value, match.Groups["op"].Value,
            value.StartsWith('"') ? value[1..^1].Replace("\\\\", "\\") : value);
    }

    /// <summary>Whether alert labels satisfy the matcher; a missing label is the empty string, as in Alertmanager.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var actual = labels.GetValueOrDefault(Label, string.Empty);
        return Operator switch
        {
            "=" => actual == Value,
            "!=" => actual != Value,
            "=~" => FullMatch(actual),
            _ => !FullMatch(actual),
        };
    }

    private bool FullMatch(string actual)
    {
        try
        {
            pattern ??= new Regex($"^(?:{Value})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return pattern.IsMatch(actual);
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            return false;
        }
    }

    [GeneratedRegex("""^\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*(?<value>"([^"\\]|\\.)*"|[^"\s]*)\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
