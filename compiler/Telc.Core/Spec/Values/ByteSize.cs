using System.Globalization;
using System.Text.RegularExpressions;

namespace Telc.Spec.Values;

/// <summary>
/// An amount of storage such as <c>40GiB</c>, <c>50Gi</c> (Kubernetes) or <c>500MB</c>, kept with its spelling.
/// Binary units (Ki, KiB, …) count in 1024s, decimal ones (K, KB, …) in 1000s.
/// </summary>
public sealed partial record ByteSize(long Bytes, string Text)
{
    public const string Pattern = "^[0-9]+(\\.[0-9]+)?(B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB|K|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?$";

    public const string Example = "40GiB, 50Gi or 500MB";

    public static ByteSize? TryParse(string text)
    {
        var match = Syntax().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var unit = match.Groups["unit"].Value;
        var binary = unit.Contains('i');
        var power = unit.Length == 0 || unit == "B" ? 0 : "KMGTP".IndexOf(unit[0]) + 1;
        var bytes = amount;
        for (var i = 0; i < power; i++)
        {
            bytes *= binary ? 1024 : 1000;
            if (bytes > long.MaxValue)
            {
                return null;
            }
        }

        return new ByteSize((long)decimal.Round(bytes), text);
    }

    public override string ToString() => Text;

    [GeneratedRegex("^(?<amount>[0-9]+(?:\\.[0-9]+)?)(?<unit>B|[KMGTP]i?B?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
