using System.Collections.Immutable;

namespace Telc.Spec.Kinds;

[Doc("Receives traces and ships them to one backend through its own buffer.")]
public sealed record TracePipelineSpec(
    [Doc("Clusters the pipeline runs in; every cluster when left out."), Reference(SymbolKind.Cluster)] ImmutableArray<Located<string>> Clusters,
    [Doc("Trace protocols accepted.")] TraceInputs Input,
    [Doc("Sampling applied before sending.")] TraceSampling? Sampling,
    [Doc("What is dropped before sending.")] TraceFilter? Filter,
    [Doc("Where traces go.")] PipelineOutput Output,
    [Doc("This pipeline's own queue.")] BufferSettings? Buffer) : SpecNode;

[Doc("Trace receivers. Each is off unless set.")]
public sealed record TraceInputs(
    [Doc("OTLP on 4317 (gRPC) and 4318 (HTTP).")] EnabledInput? Otlp,
    [Doc("Zipkin on 9411.")] EnabledInput? Zipkin,
    [Doc("Jaeger (gRPC 14250, Thrift HTTP 14268).")] EnabledInput? Jaeger) : SpecNode;

[Doc("Probabilistic sampling.")]
public sealed record TraceSampling(
    [Doc("Percentage of traces kept, 0 to 100."), Range(0, 100)] double Percentage) : SpecNode;

[Doc("What a trace pipeline drops.")]
public sealed record TraceFilter(
    [Doc("Namespaces whose spans are kept or dropped.")] NamespaceSelector? Namespaces,
    [Doc("Spans dropped when an attribute matches, e.g. health checks.")] ImmutableArray<FieldMatch> DropSpans) : SpecNode;
