using System.Collections.Immutable;
using Telc.Emit.Alertmanager;
using Telc.Emit.Elasticsearch;
using Telc.Emit.FluentBit;
using Telc.Emit.Grafana;
using Telc.Emit.Jaeger;
using Telc.Emit.InfluxDb;
using Telc.Emit.Kafka;
using Telc.Emit.Loki;
using Telc.Emit.NodeAgents;
using Telc.Emit.OtelCollector;
using Telc.Emit.Prometheus;
using Telc.Emit.PrometheusOperator;
using Telc.Emit.Tempo;
using Telc.Emit.Zipkin;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit;

/// <summary>The registry of rendering targets, in the order their components are placed.</summary>
public static class Emitters
{
    public static readonly ImmutableArray<IEmitter> All =
    [
        new PrometheusEmitter(),
        new PrometheusOperatorEmitter(),
        new AlertmanagerEmitter(),
        new NodeExporterEmitter(),
        new KubeStateMetricsEmitter(),
        new OtelCollectorEmitter(),
        new FluentBitEmitter(),
        new LokiEmitter(),
        new TempoEmitter(),
        new ElasticsearchEmitter(),
        new JaegerEmitter(),
        new ZipkinEmitter(),
        new KafkaEmitter(),
        new InfluxDbEmitter(),
        new GrafanaEmitter(),
    ];

    /// <summary>
    /// Whether any target renders the document. The Project and Clusters shape the whole tree (folders, namespaces,
    /// GitOps objects) and Waivers only accept findings, so they are rendered by the renderer itself or by nothing.
    /// </summary>
    public static bool AnyRenders(SpecModel model, Resource resource) =>
        resource.Spec is ProjectSpec or ClusterSpec or WaiverSpec || All.Any(e => e.Renders(model, resource));
}
