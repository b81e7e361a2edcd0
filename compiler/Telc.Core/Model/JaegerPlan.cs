using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Model;

/// <summary>
/// A single-node Jaeger v2 whose badger store expires spans <paramref name="Retention"/> after it wrote them (from the
/// most specific RetentionPolicy rule for traces, else the backend's own, else Jaeger's default, so the config says
/// what runs).
/// </summary>
public sealed record JaegerPlan(Resource Backend, JaegerBackend Spec, string ObjectName, Duration Retention)
{
    /// <summary>badger's own ttl.spans.</summary>
    public static readonly Duration DefaultRetention = Duration.TryParse("72h")!;
}
