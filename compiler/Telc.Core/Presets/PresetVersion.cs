using System.Globalization;

namespace Telc.Presets;

/// <summary>A preset's semantic version (major.minor.patch), and the ranges uses ask for: 1, 1.x, 1.2, 1.2.x or 1.2.3.</summary>
public sealed record PresetVersion(int Major, int Minor, int Patch) : IComparable<PresetVersion>
{
    public static PresetVersion? Parse(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? new PresetVersion(Number(parts[0]), Number(parts[1]), Number(parts[2]))
            : null;
    }

    /// <summary>Whether this version is in a range: each part the range gives matches, 'x' and left-out parts match any.</summary>
    public bool Matches(string range)
    {
        int[] own = [Major, Minor, Patch];
        return range.Split('.').Select((part, i) => part == "x" || (i < 3 && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n == own[i])).All(m => m);
    }

    public int CompareTo(PresetVersion? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    private static int Number(string part) => int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
}
