using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Model;

/// <summary>
/// A Kafka cluster in KRaft mode, every broker also a voter of the controller quorum, and the topic of each pipeline
/// that writes to it (its output, or the Kafka it passes through on the way to its output).
/// </summary>
/// <param name="ClusterId">The id the brokers format their storage with on first start; it never changes afterwards.</param>
public sealed record KafkaPlan(Resource Backend, KafkaBackend Spec, string ObjectName, string ClusterId, ImmutableArray<KafkaTopicPlan> Topics)
{
    /// <summary>The brokers' listener for clients, on the client Service and on each broker's own address.</summary>
    public const int ClientPort = 9092;

    /// <summary>Kafka's own log.retention.hours (168), written out so the topic config says what runs.</summary>
    public static readonly Duration DefaultRetention = Duration.TryParse("7d")!;

    /// <summary>Three copies of every partition, or one on every broker when there are fewer.</summary>
    public int ReplicationFactor => Math.Min(3, Spec.Replicas);

    /// <summary>Copies a write acknowledged by all in-sync replicas needs: two of three, so one broker may be down.</summary>
    public int MinInSyncReplicas => ReplicationFactor == 3 ? 2 : 1;

    /// <summary>The client Service clients bootstrap from: kafka-buffer.NAMESPACE.svc:9092.</summary>
    public static string Bootstrap(string serviceHost) => $"{serviceHost}:{ClientPort}";
}

/// <summary>
/// The topic of one pipeline and signal, kept for <paramref name="Retention"/> and at most <paramref name="Size"/> (in
/// all its partitions), from the most specific RetentionPolicy rule of its signal for the Kafka backend, else the backend's own.
/// </summary>
public sealed record KafkaTopicPlan(string Name, Signal Signal, Resource Pipeline, Duration Retention, ByteSize? Size)
{
    /// <summary>One topic per pipeline and signal, so pipelines stay apart in the buffer too: telemetry.logs.app-logs.</summary>
    public static string NameOf(Signal signal, string pipeline) => $"telemetry.{signal.ToString().ToLowerInvariant()}.{pipeline}";

    /// <summary>The consumer group the gateway reads a buffered pipeline's topic in, one per topic so each keeps its own offsets.</summary>
    public static string ConsumerGroupOf(Signal signal, string pipeline) => $"telc.{signal.ToString().ToLowerInvariant()}.{pipeline}";
}
