using System.Globalization;
using System.Text.RegularExpressions;

namespace Telc.Spec.Values;

/// <summary>A Prometheus-style duration such as <c>15d</c>, <c>1h30m</c> or <c>500ms</c>, kept with its spelling.</summary>
public sealed partial record Duration(TimeSpan Value, string Text)
{
    public const string Pattern = "^(([0-9]+)(y|w|d|h|m|s|ms))+$";

    public const string Example = "15d, 1h30m or 30s";

    public static Duration? TryParse(string text)
    {
        var match = Syntax().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        var lastRank = -1;
        foreach (Capture unit in match.Groups["unit"].Captures)
        {
            var rank = Array.IndexOf(Units, unit.Value);
            if (rank <= lastRank)
            {
                return null; // units must go from largest to smallest, each once
            }

            lastRank = rank;
        }

        for (var i = 0; i < match.Groups["amount"].Captures.Count; i++)
        {
            if (!long.TryParse(match.Groups["amount"].Captures[i].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                return null;
            }

            var unitLength = UnitLength(match.Groups["unit"].Captures[i].Value);
            if (amount > TimeSpan.MaxValue.Ticks / unitLength.Ticks)
            {
                return null;
            }

            total += TimeSpan.FromTicks(amount * unitLength.Ticks);
        }

        return new Duration(total, text);
    }

    public override string ToString() => Text;

    private static readonly string[] Units = ["y", "w", "d", "h", "m", "s", "ms"];

    private static TimeSpan UnitLength(string unit) => unit switch
    {
        "y" => TimeSpan.FromDays(365),
        "w" => TimeSpan.FromDays(7),
        "d" => TimeSpan.FromDays(1),
        "h" => TimeSpan.FromHours(1),
        "m" => TimeSpan.FromMinutes(1),
        "s" => TimeSpan.FromSeconds(1),
        _ => TimeSpan.FromMilliseconds(1),
    };

    [GeneratedRegex("^(?:(?<amount>[0-9]+)(?<unit>ms|y|w|d|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
