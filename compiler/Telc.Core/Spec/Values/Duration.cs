using System.Globalization;
using System.Text.RegularExpressions;

namespace Telc.Spec.Values;

/// <summary>A Prometheus-style duration such as <c>15d</c>, <c>1h30m</c> or <c>500ms</c>, kept with its spelling.</summary>
public sealed partial record Duration(TimeSpan Value, string Text)
{
    /// <summary>Units from largest to smallest, each at most once, as Prometheus reads durations.</summary>
    public const string Pattern = "^(?=[0-9])(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$";

    public const string Example = "15d, 1h30m or 30s";

    /// <summary>The longest duration Prometheus and Alertmanager hold: Go's time.Duration, int64 nanoseconds (about 292 years).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromTicks(long.MaxValue / 100);

    public static Duration? TryParse(string text)
    {
        var match = Syntax().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (var (unit, length) in Units)
        {
            var group = match.Groups[unit];
            if (!group.Success)
            {
                continue;
            }

            if (!long.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > (Longest - total).Ticks / length.Ticks)
            {
                return null;
            }

            total += TimeSpan.FromTicks(amount * length.Ticks);
        }

        return new Duration(total, text);
    }

    public override string ToString() => Text;

    private static readonly (string Unit, TimeSpan Length)[] Units =
    [
        ("y", TimeSpan.FromDays(365)), ("w", TimeSpan.FromDays(7)), ("d", TimeSpan.FromDays(1)), ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)), ("s", TimeSpan.FromSeconds(1)), ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    [GeneratedRegex("^(?=[0-9])(?:(?<y>[0-9]+)y)?(?:(?<w>[0-9]+)w)?(?:(?<d>[0-9]+)d)?(?:(?<h>[0-9]+)h)?(?:(?<m>[0-9]+)m)?(?:(?<s>[0-9]+)s)?(?:(?<ms>[0-9]+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
