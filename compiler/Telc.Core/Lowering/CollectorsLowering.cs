using System.Collections.Immutable;
using Telc.Model;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Lowering;

/// <summary>
/// A cluster's collectors section: which part of each log, trace and OTLP metric pipeline runs on the agent (node-local
/// inputs) and which on the gateway (pushed data, Kubernetes events), and where each ships.
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
            var input = spec.Input;
            if (input.Containers is not null || input.Node is { Journald: true } || !input.Files.IsDefaultOrEmpty)
            {
                (spec.Agent == LogAgent.FluentBit ? fluentBit : agent)
                    .Add(new CollectorPipelinePlan(resource, Signal.Logs, CollectorRole.Agent, resource.Name, output, spec.Buffer ?? DefaultBuffer, Logs: spec));
            }

            if (input.Events is { Enabled: true })
            {
                gateway.Add(new CollectorPipelinePlan(resource, Signal.Logs, CollectorRole.Gateway, resource.Name + "-events", output, spec.Buffer ?? DefaultBuffer, Logs: spec));
            }
        }

        foreach (var (resource, spec) in Applying<TracePipelineSpec>(model, cluster, p => p.Clusters)
            .Where(p => p.Spec.Input.Otlp is { Enabled: true } || p.Spec.Input.Zipkin is { Enabled: true } || p.Spec.Input.Jaeger is { Enabled: true }))
        {
            gateway.Add(new CollectorPipelinePlan(resource, Signal.Traces, CollectorRole.Gateway, resource.Name, Output(model, ns, spec.Output), spec.Buffer ?? DefaultBuffer, Traces: spec));
        }

        foreach (var (resource, spec) in Applying<MetricPipelineSpec>(model, cluster, p => p.Clusters).Where(p => p.Spec.Input.Otlp is { Enabled: true }))
        {
            gateway.Add(new CollectorPipelinePlan(resource, Signal.Metrics, CollectorRole.Gateway, resource.Name, Output(model, ns, spec.Output), spec.Buffer ?? DefaultBuffer, Metrics: spec));
        }

        return new CollectorsPlan("otel-agent", "otel-gateway", agent.ToImmutable(), gateway.ToImmutable(), fluentBit.ToImmutable(),
            metrics.ComponentStore);
    }

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

    /// <summary>The Service of a backend run in the cluster, as its emitter names it: loki-logs, tempo-traces.</summary>
    public static string ServiceName(BackendType type, string backend) => ClusterLowering.ObjectName(BackendTypes.Name(type), backend);
}
