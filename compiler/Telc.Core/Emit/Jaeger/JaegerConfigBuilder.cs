using Telc.Model;
using Telc.Output;
using static Telc.Output.OutTree;

namespace Telc.Emit.Jaeger;

/// <summary>
/// The config of a single-node Jaeger v2, a collector config with Jaeger's own components: OTLP receivers on every
/// interface (they bind localhost unless told, which no other pod reaches), a traces pipeline into the storage
/// exporter, badger on the volume (ephemeral: false, or it writes to a temp folder it deletes on shutdown) whose span
/// TTL is the retention, the query service with its UI, and healthcheckv2, which the kubelet asks.
/// </summary>
public static class JaegerConfigBuilder
{
    public const int OtlpGrpcPort = 4317;
    public const int OtlpHttpPort = 4318;
    public const int QueryHttpPort = 16686;
    public const int HealthPort = 13133;
    public const string HealthPath = "/status";
    public const string DataDirectory = "/var/lib/jaeger";

    /// <summary>The name of the one trace store, shared by jaeger_storage, jaeger_query and the exporter.</summary>
    private const string Store = "traces";

    public static OutMap Build(JaegerPlan plan) => Map(
        ("extensions", Map(
            ("healthcheckv2", Map(
                ("use_v2", true),
                ("http", Map(("endpoint", $"0.0.0.0:{HealthPort}"), ("status", Map(("enabled", true), ("path", HealthPath))))))),
            ("jaeger_storage", Map(("backends", Map((Store, Map(("badger", Map(
                ("directories", Map(("keys", $"{DataDirectory}/badger/keys"), ("values", $"{DataDirectory}/badger/values"))),
                ("ephemeral", false),
                ("ttl", Map(("spans", GoRetention.Of(plan.Retention)))))))))))),
            ("jaeger_query", Map(("storage", Map(("traces", Store))), ("http", Map(("endpoint", $"0.0.0.0:{QueryHttpPort}"))))))),
        ("receivers", Map(("otlp", Map(("protocols", Map(
            ("grpc", Map(("endpoint", $"0.0.0.0:{OtlpGrpcPort}"))),
            ("http", Map(("endpoint", $"0.0.0.0:{OtlpHttpPort}"))))))))),
        ("processors", Map(("batch", Map()))),
        ("exporters", Map(("jaeger_storage_exporter", Map(("trace_storage", Store))))),
        ("service", Map(
            ("extensions", Seq("healthcheckv2", "jaeger_storage", "jaeger_query")),
            ("pipelines", Map(("traces", Map(
                ("receivers", Seq("otlp")),
                ("processors", Seq("batch")),
                ("exporters", Seq("jaeger_storage_exporter")))))))));
}
