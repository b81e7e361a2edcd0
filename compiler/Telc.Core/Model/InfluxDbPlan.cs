using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Model;

/// <summary>
/// An InfluxDB 2 whose bucket keeps metrics for <paramref name="Retention"/>: from the most specific RetentionPolicy
/// rule for metrics that reaches it, else the backend's own; null keeps them for ever.
/// </summary>
public sealed record InfluxDbPlan(Resource Backend, InfluxDbBackend Spec, string ObjectName, Duration? Retention)
{
    public const int HttpPort = 8086;

    /// <summary>The shortest retention InfluxDB takes for a bucket (0 keeps data for ever).</summary>
    public static readonly TimeSpan ShortestRetention = TimeSpan.FromHours(1);
}
