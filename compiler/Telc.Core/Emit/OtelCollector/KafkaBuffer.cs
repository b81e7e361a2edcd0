using Telc.Model;
using Telc.Output;
using Telc.Spec.Kinds;
using static Telc.Output.OutTree;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// The two ends of a pipeline's Kafka topic. The writer is the pipeline's own exporter, with its own queue, waiting for
/// every in-sync replica (acks=all) so an acknowledged batch survives a broker, and compressing each batch (lz4), which
/// keeps a batch of long log lines below the brokers' message size (1 MB) and the topic's disk small. The reader, on the gateway, joins the
/// pipeline's own consumer group and marks a message consumed only once its output took it: while the store is down,
/// the message is retried with a backoff that never gives up and stays in the topic, so the outage loses nothing the
/// topic keeps. A message the store refuses for good is marked too, so one bad batch cannot block its partition.
/// </summary>
public static class KafkaBuffer
{
    /// <summary>OTLP protobuf, the default of both ends, written out so the two always agree.</summary>
    public const string Encoding = "otlp_proto";

    public static OutMap Writer(string bootstrap, string topic, Signal signal, OutMap queue, OutMap retry) => Map(
        ("brokers", Seq(bootstrap)),
        (SignalKey(signal), Map(("topic", topic), ("encoding", Encoding))),
        ("producer", Map(("required_acks", -1), ("compression", "lz4"))),
        ("sending_queue", queue),
        ("retry_on_failure", retry));

    /// <summary>A new consumer group starts at the oldest message the topic keeps, so what was written before the gateway first read it is shipped too.</summary>
    public static OutMap Reader(BufferTopic topic, Signal signal) => Map(
        ("brokers", Seq(topic.Bootstrap)),
        ("group_id", topic.ConsumerGroup),
        ("initial_offset", "earliest"),
        (SignalKey(signal), Map(("topics", Seq(topic.Topic)), ("encoding", Encoding))),
        ("message_marking", Map(("after", true), ("on_error", false), ("on_permanent_error", true))),
        ("error_backoff", Map(("enabled", true), ("initial_interval", "5s"), ("max_interval", "1m0s"), ("max_elapsed_time", "0s"))));

    private static string SignalKey(Signal signal) => signal.ToString().ToLowerInvariant();
}
