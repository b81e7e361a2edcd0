using System.Globalization;
using System.Text.RegularExpressions;

namespace Telc.Spec;

/// <summary>Guesses what a user meant by a duration or size telc cannot read ("15 days" → "15d").</summary>
public static partial class ValueFixes
{
    public static string? Duration(string text)
    {
        var parts = Amounts().Matches(text.Trim());
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)).Replace(" ", string.Empty) != text.Replace(" ", string.Empty))
        {
            return text.All(char.IsAsciiDigit) && text.Length > 0 ? text + "s" : null;
        }

        var amounts = new SortedDictionary<int, decimal>();
        foreach (Match part in parts)
        {
            var rank = part.Groups["unit"].Value switch
            {
                "y" or "yr" or "year" or "years" or "Y" => 0,
                "w" or "wk" or "week" or "weeks" or "W" => 1,
                "d" or "day" or "days" or "D" => 2,
                "h" or "hr" or "hrs" or "hour" or "hours" or "H" => 3,
                "m" or "min" or "mins" or "minute" or "minutes" or "M" => 4,
                "s" or "sec" or "secs" or "second" or "seconds" or "S" => 5,
                "ms" or "msec" or "millisecond" or "milliseconds" => 6,
                _ => -1,
            };
            if (rank < 0 || !decimal.TryParse(part.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return null;
            }

            amounts[rank] = amounts.GetValueOrDefault(rank) + amount;
        }

        // Whole amounts keep the user's numbers in Prometheus order ("1m30h" → "30h1m"); fractions become smaller units ("1.5h" → "1h30m").
        if (amounts.Values.All(a => a == decimal.Truncate(a)))
        {
            return string.Concat(amounts.Where(a => a.Value > 0).Select(a => $"{a.Value:0}{UnitNames[a.Key]}"));
        }

        var milliseconds = amounts.Sum(a => a.Value * UnitMilliseconds[a.Key]);
        var spelled = new System.Text.StringBuilder();
        for (var rank = 2; rank < UnitNames.Length && milliseconds > 0; rank++)
        {
            var whole = decimal.Truncate(milliseconds / UnitMilliseconds[rank]);
            if (whole > 0)
            {
                spelled.Append(whole.ToString(CultureInfo.InvariantCulture)).Append(UnitNames[rank]);
                milliseconds -= whole * UnitMilliseconds[rank];
            }
        }

        return spelled.Length == 0 ? null : spelled.ToString();
    }

    private static readonly string[] UnitNames = ["y", "w", "d", "h", "m", "s", "ms"];

    private static readonly decimal[] UnitMilliseconds = [31_536_000_000, 604_800_000, 86_400_000, 3_600_000, 60_000, 1_000, 1];

    public static string? Size(string text)
    {
        var match = SizeWords().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var unit = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "b" or "byte" or "bytes" => "B",
            "k" or "kb" or "kilobyte" or "kilobytes" => "KB",
            "kib" or "ki" => "Ki",
            "m" or "mb" or "meg" or "megs" or "megabyte" or "megabytes" => "MB",
            "mib" or "mi" => "Mi",
            "g" or "gb" or "gig" or "gigs" or "gigabyte" or "gigabytes" => "GB",
            "gib" or "gi" => "Gi",
            "t" or "tb" or "terabyte" or "terabytes" => "TB",
            "tib" or "ti" => "Ti",
            _ => null,
        };
        return unit is null ? null : match.Groups["amount"].Value + unit;
    }

    [GeneratedRegex(@"(?<amount>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>[a-zA-Z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Amounts();

    [GeneratedRegex(@"^(?<amount>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>[a-zA-Z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex SizeWords();
}
