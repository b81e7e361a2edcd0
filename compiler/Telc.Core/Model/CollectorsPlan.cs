using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Model;

/// <summary>
/// A cluster's OpenTelemetry Collectors: the agent on every node (node-local inputs) and the gateway (pushed data,
/// Kubernetes events), each running one collector pipeline of its own per spec pipeline part.
/// </summary>
/// <param name="MetricsStore">The Prometheus that receives derived metrics and scrapes the collectors' own metrics.</param>
/// <param name="FluentBit">The node-local parts of log pipelines that ask for the Fluent Bit agent (their events still go to the gateway).</param>
public sealed record CollectorsPlan(
    string AgentName,
    string GatewayName,
    ImmutableArray<CollectorPipelinePlan> Agent,
    ImmutableArray<CollectorPipelinePlan> Gateway,
    ImmutableArray<CollectorPipelinePlan> FluentBit,
    PrometheusPlan? MetricsStore)
{
    public const string FluentBitName = "fluent-bit";

    /// <summary>No OpenTelemetry Collector runs in the cluster.</summary>
    public bool IsEmpty => Agent.IsEmpty && Gateway.IsEmpty;

    public IEnumerable<CollectorPipelinePlan> All => Agent.Concat(Gateway).Concat(FluentBit);

    /// <summary>
    /// What a collector config built from these parts depends on: the parts (their documents), the namespace their
    /// Service addresses are in, and the Prometheus derived metrics go to. Clusters that agree on it share one config.
    /// </summary>
    public string ConfigKey(string ns, IEnumerable<CollectorPipelinePlan> parts) =>
        $"{ns}|{MetricsStore?.ObjectName}|{string.Join(",", parts.Select(p => $"{p.Pipeline.SourceKey}/{p.Id}"))}";

    /// <summary>Whether a collector remote-writes into the Prometheus: derived metrics, or an OTLP metric pipeline whose output it is.</summary>
    public bool WritesTo(PrometheusPlan prometheus) =>
        All.Any(p => (p.Output.Type == BackendType.Prometheus && p.Output.Backend == prometheus.Backend)
            || (p.Logs is { DerivedMetrics.IsDefaultOrEmpty: false } && MetricsStore?.Backend == prometheus.Backend));
}

/// <summary>Where a part of a pipeline runs.</summary>
public enum CollectorRole
{
    Agent,
    Gateway,
}

/// <summary>
/// The part of one spec pipeline that runs in one collector: its inputs there, its processing and its own exporter
/// and queue. A LogPipeline reading containers and events is two parts: the containers on the agent, the events on the gateway.
/// </summary>
/// <param name="Id">Names the part's components and collector pipeline: the pipeline's name, with -events for a gateway part of a log pipeline.</param>
/// <param name="Via">The Kafka topic the pipeline's data passes through on its way to <paramref name="Output"/> (output.via): its parts write to the topic, and one more part on the gateway reads it.</param>
/// <param name="ReadsVia">This is the part that reads <paramref name="Via"/> on the gateway and ships to the output; its data was received, enriched and filtered before it was written to the topic.</param>
public sealed record CollectorPipelinePlan(
    Resource Pipeline,
    Signal Signal,
    CollectorRole Role,
    string Id,
    CollectorOutputPlan Output,
    BufferSettings Buffer,
    LogPipelineSpec? Logs = null,
    TracePipelineSpec? Traces = null,
    MetricPipelineSpec? Metrics = null,
    BufferTopic? Via = null,
    bool ReadsVia = false)
{
    /// <summary>The suffix of the part that reads a buffered pipeline's topic: app-logs-from-kafka.</summary>
    public const string FromKafka = "-from-kafka";

    /// <summary>A log part on the agent reads the node; on the gateway it watches events (unless it reads the pipeline's topic).</summary>
    public bool ReadsEvents => Role == CollectorRole.Gateway && Signal == Signal.Logs && !ReadsVia;

    /// <summary>The output as the pipeline's document writes it, with the locations of its backend and via.</summary>
    public PipelineOutput SpecOutput => Logs?.Output ?? Traces?.Output ?? Metrics!.Output;

    /// <summary>The part exports to the Kafka topic of <see cref="Via"/> instead of to its output.</summary>
    public bool WritesVia => Via is not null && !ReadsVia;
}

/// <summary>The Kafka topic a buffered pipeline's data passes through: the client Service to bootstrap from, the topic, and the gateway's consumer group for it.</summary>
public sealed record BufferTopic(Resource Kafka, string Bootstrap, string Topic, string ConsumerGroup);

/// <summary>The backend a pipeline part ships to, with the in-cluster address of a backend run in the cluster.</summary>
public sealed record CollectorOutputPlan(Resource Backend, BackendSpec Spec, BackendType Type, string? ServiceHost);
