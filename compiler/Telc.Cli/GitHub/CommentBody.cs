using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Telc.Cli.GitHub;

/// <summary>
/// The text of telc's pull-request comment: a hidden marker line first, by which a later run finds the comment to
/// update, then the report, cut to GitHub's limit with a visible note rather than refused by the API.
/// </summary>
public sealed partial record CommentBody(string Text, bool Truncated, int OriginalLength)
{
    /// <summary>GitHub refuses a comment body over 65,536 characters. .NET counts UTF-16 code units, never fewer than GitHub's characters.</summary>
    public const int MaxLength = 65_536;

    public static string MarkerLine(string marker) => $"<!-- telc:{marker} -->";

    public static bool IsValidMarker(string marker) => MarkerName().IsMatch(marker);

    public static CommentBody Compose(string marker, string report, string? runUrl = null)
    {
        var header = MarkerLine(marker) + "\n";
        report = report.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (header.Length + report.Length <= MaxLength)
        {
            return new CommentBody(header + report, false, report.Length);
        }

        var note = string.Create(CultureInfo.InvariantCulture,
            $"\n\n---\n:warning: **telc cut this comment short**: the report is {report.Length:N0} characters and GitHub allows {MaxLength:N0} in a comment.");
        if (runUrl is not null)
        {
            note += $" See the [workflow run]({runUrl}) for more.";
        }

        note += "\n";

        // Markup left open where the cut falls would swallow the note (into a code block, or a collapsed <details>),
        // so the budget shrinks until what is kept, the closers it needs and the note all fit.
        var budget = MaxLength - header.Length - note.Length;
        while (true)
        {
            var kept = Cut(report, budget);
            var closers = Closers(kept);
            var overflow = header.Length + kept.Length + closers.Length + note.Length - MaxLength;
            if (overflow <= 0)
            {
                return new CommentBody(header + kept + closers + note, true, report.Length);
            }

            budget -= overflow;
        }
    }

    /// <summary>At most <paramref name="budget"/> characters, ending at a line break when one is reasonably near.</summary>
    private static string Cut(string text, int budget)
    {
        var end = Math.Max(0, budget);
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        var lineEnd = end > 0 ? text.LastIndexOf('\n', end - 1) : -1;
        return text[..(lineEnd > end / 2 ? lineEnd : end)];
    }

    private static string Closers(string kept)
    {
        var closers = new StringBuilder();
        if (Fence().Matches(kept).Count % 2 == 1)
        {
            closers.Append("\n```");
        }

        var openDetails = OpenDetails().Matches(kept).Count - CloseDetails().Matches(kept).Count;
        for (var i = 0; i < openDetails; i++)
        {
            closers.Append("\n</details>");
        }

        return closers.ToString();
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}\z")]
    private static partial Regex MarkerName();

    [GeneratedRegex(@"^ {0,3}```", RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"<details[\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex OpenDetails();

    [GeneratedRegex(@"</details\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex CloseDetails();
}
