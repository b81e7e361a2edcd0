using System.Globalization;

namespace Telc.Spec.Values;

/// <summary>A calendar date written as YYYY-MM-DD (waiver expiry, TELC_TODAY).</summary>
public static class CalendarDate
{
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
