using System.Collections.Immutable;
using Telc.Model;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Lowering;

/// <summary>
/// A cluster's collectors section: which part of each log, trace and OTLP metric pipeline runs on the agent (node-local
/// inputs) and which on the gateway (pushed data, Kubernetes events), and where each ships. A pipeline buffered through
/// Kafka (output.via) has one more part, on the gateway, that reads its topic and ships to its output.
/// </summary>
public static class CollectorsLowering
{
    /// <summary>A buffer left out: the defaults BufferSettings documents.</summary>
    public static readonly BufferSettings DefaultBuffer = new(5000, Duration.TryParse("5m")!, false);

    public static CollectorsPlan Lower(SpecModel model, string cluster, string ns, MetricsPlan metrics)
    {
        var agent = ImmutableArray.CreateBuilder<CollectorPipelinePlan>();
        var gateway = ImmutableArray.CreateBuilder<CollectorPipelinePlan>();
        var fluentBit = ImmutableArray.CreateBuilder<CollectorPipelinePlan>();
        foreach (var (resource, spec) in Applying<LogPipelineSpec>(model, cluster, p => p.Clusters))
        {
            var output = Output(model, ns, spec.Output);
            var via = Via(model, ns, resource, Signal.Logs, spec.Output);
            var buffer = spec.Buffer ?? DefaultBuffer;
            var input = spec.Input;
            if (CollectorPipelineChecks.ReadsNodes(input))
            {
                (spec.Agent == LogAgent.FluentBit ? fluentBit : agent)
                    .Add(new CollectorPipelinePlan(resource, Signal.Logs, CollectorRole.Agent, resource.Name, output, buffer, Logs: spec, Via: via));
            }

            if (input.Events is { Enabled: true })
            {
                gateway.Add(new CollectorPipelinePlan(resource, Signal.Logs, CollectorRole.Gateway, resource.Name + "-events", output, buffer, Logs: spec, Via: via));
            }

            if (via is not null && (CollectorPipelineChecks.ReadsNodes(input) || input.Events is { Enabled: true }))
            {
                gateway.Add(Reader(resource, Signal.Logs, output, buffer, via) with { Logs = spec });
            }
        }

        foreach (var (resource, spec) in Applying<TracePipelineSpec>(model, cluster, p => p.Clusters)
            .Where(p => p.Spec.Input.Otlp is { Enabled: true } || p.Spec.Input.Zipkin is { Enabled: true } || p.Spec.Input.Jaeger is { Enabled: true }))
        {
            var (output, via, buffer) = (Output(model, ns, spec.Output), Via(model, ns, resource, Signal.Traces, spec.Output), spec.Buffer ?? DefaultBuffer);
            gateway.Add(new CollectorPipelinePlan(resource, Signal.Traces, CollectorRole.Gateway, resource.Name, output, buffer, Traces: spec, Via: via));
            if (via is not null)
            {
                gateway.Add(Reader(resource, Signal.Traces, output, buffer, via) with { Traces = spec });
            }
        }

        foreach (var (resource, spec) in Applying<MetricPipelineSpec>(model, cluster, p => p.Clusters).Where(p => p.Spec.Input.Otlp is { Enabled: true }))
        {
            var (output, via, buffer) = (Output(model, ns, spec.Output), Via(model, ns, resource, Signal.Metrics, spec.Output), spec.Buffer ?? DefaultBuffer);
            gateway.Add(new CollectorPipelinePlan(resource, Signal.Metrics, CollectorRole.Gateway, resource.Name, output, buffer, Metrics: spec, Via: via));
            if (via is not null)
            {
                gateway.Add(Reader(resource, Signal.Metrics, output, buffer, via) with { Metrics = spec });
            }
        }

        return new CollectorsPlan("otel-agent", "otel-gateway", agent.ToImmutable(), gateway.ToImmutable(), fluentBit.ToImmutable(),
            metrics.ComponentStore);
    }

    /// <summary>
    /// The gateway part that reads a buffered pipeline's topic and ships to its output. Its queue is in memory: the
    /// topic is the pipeline's persistent queue, and what the part has not shipped yet stays there.
    /// </summary>
    private static CollectorPipelinePlan Reader(Resource pipeline, Signal signal, CollectorOutputPlan output, BufferSettings buffer, BufferTopic via) =>
        new(pipeline, signal, CollectorRole.Gateway, pipeline.Name + CollectorPipelinePlan.FromKafka, output, buffer with { Persistent = false }, Via: via, ReadsVia: true);

    private static IEnumerable<(Resource Resource, T Spec)> Applying<T>(SpecModel model, string cluster, Func<T, ImmutableArray<Located<string>>> clusters)
        where T : SpecNode =>
        model.OfKind<T>().Where(p => ClusterLowering.AppliesTo(clusters(p.Spec), cluster))
            .OrderBy(p => p.Resource.Name, StringComparer.Ordinal);

    private static CollectorOutputPlan Output(SpecModel model, string ns, PipelineOutput output)
    {
        var (backend, spec) = model.OfKind<BackendSpec>().First(b => b.Resource.Name == output.Backend.Value);
        var type = BackendTypes.TypeOf(spec);
        return new CollectorOutputPlan(backend, spec, type, spec.External is null ? $"{ServiceName(type, backend.Name)}.{ns}.svc" : null);
    }

    private static BufferTopic? Via(SpecModel model, string ns, Resource pipeline, Signal signal, PipelineOutput output)
    {
        if (output.Via is not { } via)
        {
            return null;
        }

        var kafka = model.OfKind<BackendSpec>().First(b => b.Resource.Name == via.Value).Resource;
        return new BufferTopic(kafka, KafkaPlan.Bootstrap($"{ServiceName(BackendType.Kafka, kafka.Name)}.{ns}.svc"),
            KafkaTopicPlan.NameOf(signal, pipeline.Name), KafkaTopicPlan.ConsumerGroupOf(signal, pipeline.Name));
    }

    /// <summary>The Service of a backend run in the cluster, as its emitter names it: loki-logs, tempo-traces.</summary>
    public static string ServiceName(BackendType type, string backend) => ClusterLowering.ObjectName(BackendTypes.Name(type), backend);
}
