using System.Text.RegularExpressions;

namespace Telc.Cli.GitHub;

/// <summary>Reads the <c>rel="next"</c> target of an RFC 8288 <c>Link</c> header, as GitHub paginates lists.</summary>
public static partial class LinkHeader
{
    public static Uri? Next(IEnumerable<string> values, Uri requested)
    {
        foreach (var value in values)
        {
            foreach (Match link in Link().Matches(value))
            {
                var relations = Relation().Match(link.Groups["parameters"].Value).Groups["rel"].Value;
                if (relations.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("next", StringComparer.OrdinalIgnoreCase)
                    && Uri.TryCreate(requested, link.Groups["target"].Value, out var next))
                {
                    return next;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"<(?<target>[^>]*)>(?<parameters>[^<]*)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?:^|;)\s*rel\s*=\s*(?:""(?<rel>[^""]*)""|(?<rel>[^\s;,]+))", RegexOptions.IgnoreCase)]
    private static partial Regex Relation();
}
