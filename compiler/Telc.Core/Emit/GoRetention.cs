using Telc.Emit.OtelCollector;
using Telc.Spec.Values;

namespace Telc.Emit;

/// <summary>A store's retention as Go's time.Duration reads it (Tempo, Jaeger), which has no d or w unit.</summary>
public static class GoRetention
{
    /// <summary>Whole hours as hours (14d is 336h), anything else as Go writes it (36h30m0s).</summary>
    public static string Of(Duration duration) =>
        duration.Value.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)duration.Value.TotalHours}h" : Exporters.GoDuration(duration);
}
