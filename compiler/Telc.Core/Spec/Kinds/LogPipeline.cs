using System.Collections.Immutable;

namespace Telc.Spec.Kinds;

public enum LogAgent
{
    [YamlName("otelcol")] OtelCollector,
    [YamlName("fluentbit")] FluentBit,
}

[Doc("Collects logs and ships them to one backend through its own buffer.")]
public sealed record LogPipelineSpec(
    [Doc("Clusters the pipeline runs in; every cluster when left out."), Reference(SymbolKind.Cluster)] ImmutableArray<Located<string>> Clusters,
    [Doc("Agent that runs the pipeline on every node."), Default(LogAgent.OtelCollector)] LogAgent Agent,
    [Doc("Where logs come from.")] LogInputs Input,
    [Doc("How log lines are parsed, in order.")] ImmutableArray<LogParser> Parsers,
    [Doc("What is dropped or redacted before sending.")] LogFilter? Filter,
    [Doc("Metrics derived from log lines, such as counts or response times.")] ImmutableArray<DerivedMetric> DerivedMetrics,
    [Doc("Where logs go.")] PipelineOutput Output,
    [Doc("This pipeline's own queue.")] BufferSettings? Buffer) : SpecNode;

[Doc("Log sources. Each is off unless set.")]
public sealed record LogInputs(
    [Doc("Container stdout and stderr.")] ContainerLogInput? Containers,
    [Doc("Node and system logs (journald).")] NodeLogInput? Node,
    [Doc("Kubernetes events, as log records.")] EnabledInput? Events,
    [Doc("Log files on the nodes.")] ImmutableArray<FileLogInput> Files) : SpecNode;

[Doc("Container logs.")]
public sealed record ContainerLogInput(
    [Doc("Namespaces whose containers are read.")] NamespaceSelector? Namespaces,
    [Doc("Container names read.")] NameSelector? Containers,
    [Doc("Also read system namespaces (kube-system and the telemetry namespace)."), Default(false)] bool IncludeSystem) : SpecNode;

[Doc("Node logs.")]
public sealed record NodeLogInput(
    [Doc("Read the systemd journal."), Default(true)] bool Journald,
    [Doc("Also run on control-plane (master) nodes."), Default(false)] bool ControlPlane) : SpecNode;

[Doc("A log file on every node.")]
public sealed record FileLogInput(
    [Doc("Path or glob of the files, e.g. /var/log/audit/*.log."), Pattern("^/[^\\s]*$", "/var/log/audit/*.log")] string Path,
    [Doc("Tag added to every record, to tell sources apart.")] string? Tag) : SpecNode;

public enum LogParserType
{
    Json,
    Regex,
    Multiline,
}

[Doc("A parser applied to every log line.")]
public sealed record LogParser(
    [Doc("json parses the line as JSON, regex uses named groups, multiline joins lines that do not match firstLine.")] LogParserType Type,
    [Doc("Regular expression: named groups for regex, the first line of a record for multiline.")] string? Pattern,
    [Doc("Field holding the text to parse."), Default("log")] string Field) : SpecNode;

[Doc("What a log pipeline drops or hides.")]
public sealed record LogFilter(
    [Doc("Records dropped when a field matches.")] ImmutableArray<FieldMatch> Drop,
    [Doc("Fields whose values are replaced by ***.")] ImmutableArray<string> Redact) : SpecNode;

[Doc("A test of one field of a log record.")]
public sealed record FieldMatch(
    [Doc("Field name, e.g. level or kubernetes.namespace_name.")] string Field,
    [Doc("Regular expression the value must match.")] string Matches) : SpecNode;

public enum DerivedMetricType
{
    Counter,
    Histogram,
}

[Doc("A metric computed from log records.")]
public sealed record DerivedMetric(
    [Doc("Metric name."), Pattern("^[a-zA-Z_:][a-zA-Z0-9_:]*$", "http_requests_total")] string Name,
    [Doc("counter counts matching records; histogram observes a numeric field.")] DerivedMetricType Type,
    [Doc("Records that count.")] FieldMatch? Match,
    [Doc("Field holding the observed value, for histograms.")] string? ValueField,
    [Doc("Record fields copied as labels.")] ImmutableArray<string> Labels) : SpecNode;
