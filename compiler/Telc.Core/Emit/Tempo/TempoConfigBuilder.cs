using Telc.Model;
using Telc.Output;
using static Telc.Output.OutTree;

namespace Telc.Emit.Tempo;

/// <summary>
/// tempo.yaml of a single-binary Tempo with its blocks and write-ahead log on its volume. The OTLP receivers bind every
/// interface (since Tempo 2.7 they listen on localhost unless told, which no other pod reaches); retention is the
/// compactor's block_retention, a Go duration; overrides are written in the defaults: format only, since Tempo refuses
/// a block mixing it with the legacy flat keys.
/// </summary>
public static class TempoConfigBuilder
{
    public const int HttpPort = 3200;
    public const int GrpcPort = 9095;
    public const int OtlpGrpcPort = 4317;
    public const int OtlpHttpPort = 4318;
    public const string DataDirectory = "/var/tempo";

    /// <summary>The generator's processors, as Tempo names them, in the order they are listed.</summary>
    public const string ServiceGraphs = "service-graphs";
    public const string SpanMetrics = "span-metrics";

    /// <summary>The label every generated series carries, naming the Tempo, so two Tempos never write the same series.</summary>
    public const string GeneratorLabel = "tempo";

    public static OutMap Build(TempoPlan plan, string ns)
    {
        var processors = Processors(plan);
        var generator = processors.Length > 0 && plan.MetricsStore is not null;
        return Map(
            ("target", "all"),
            ("multitenancy_enabled", false),
            ("server", Map(("http_listen_port", HttpPort), ("grpc_listen_port", GrpcPort), ("log_level", "info"))),
            ("distributor", Map(("receivers", Map(("otlp", Map(("protocols", Map(
                ("grpc", Map(("endpoint", $"0.0.0.0:{OtlpGrpcPort}"))),
                ("http", Map(("endpoint", $"0.0.0.0:{OtlpHttpPort}"))))))))))),
            ("storage", Map(("trace", Map(
                ("backend", "local"),
                ("local", Map(("path", $"{DataDirectory}/blocks"))),
                ("wal", Map(("path", $"{DataDirectory}/wal"))))))),
            ("compactor", Map(("compaction", Map(("block_retention", GoRetention.Of(plan.Retention)))))),
            ("metrics_generator", generator ? Map(
                ("registry", Map(("external_labels", Map((GeneratorLabel, plan.ObjectName))))),
                ("storage", Map(
                    ("path", $"{DataDirectory}/generator/wal"),
                    ("remote_write", Seq(Map(("url", RemoteWriteUrl(plan.MetricsStore!, ns)))))))) : null),
            ("overrides", generator ? Map(("defaults", Map(("metrics_generator", Map(("processors", Seq(processors))))))) : null),
            ("usage_report", Map(("reporting_enabled", false))));
    }

    /// <summary>The processors the spec asks for; none when it asks for no generated metrics.</summary>
    public static string[] Processors(TempoPlan plan) => plan.Spec.MetricsGenerator is { } asked
        ? [.. asked.ServiceGraphs ? [ServiceGraphs] : Array.Empty<string>(), .. asked.SpanMetrics ? [SpanMetrics] : Array.Empty<string>()]
        : [];

    /// <summary>Where the generator writes: the Prometheus' remote-write receiver, which it runs because this Tempo writes to it.</summary>
    public static string RemoteWriteUrl(PrometheusPlan prometheus, string ns) => $"http://{prometheus.ObjectName}.{ns}.svc:9090/api/v1/write";
}
