using System.Globalization;
using Telc.Model;

namespace Telc.Emit.Kafka;

/// <summary>
/// The configs telc sets on a topic, each always written out so a setting taken out of the spec goes back to its
/// default. Kafka deletes whole closed segments only, and closes one when it is segment.ms old or segment.bytes big
/// (7 days and 1 GiB by default), so a retention shorter than those would not be kept: segments close after a tenth of
/// the retention (at least a minute, at most a day) and of the size, and data is deleted at most that much late.
/// </summary>
public static class TopicConfig
{
    private const long MinSegmentBytes = 1024 * 1024;

    /// <summary>Kafka's own segment.bytes.</summary>
    private const long MaxSegmentBytes = 1024 * 1024 * 1024;

    private static readonly TimeSpan MinSegmentAge = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan MaxSegmentAge = TimeSpan.FromDays(1);

    public static IReadOnlyList<(string Key, string Value)> For(KafkaTopicPlan topic, int partitions)
    {
        var retention = topic.Retention.Value;
        // retention.bytes is per partition; -1 keeps any amount.
        var bytes = topic.Size is { } size ? Math.Max(1, size.Bytes / partitions) : -1;
        var segmentAge = TimeSpan.FromTicks(Math.Clamp(retention.Ticks / 10, MinSegmentAge.Ticks, MaxSegmentAge.Ticks));
        var segmentBytes = bytes < 0 ? MaxSegmentBytes : Math.Clamp(bytes / 10, MinSegmentBytes, MaxSegmentBytes);
        return
        [
            ("retention.ms", Number((long)retention.TotalMilliseconds)),
            ("retention.bytes", Number(bytes)),
            ("segment.ms", Number((long)segmentAge.TotalMilliseconds)),
            ("segment.bytes", Number(segmentBytes)),
        ];
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
