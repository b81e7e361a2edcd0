namespace Telc.Emit.OtelCollector;

/// <summary>
/// The component names of the one collector version telc pins (<see cref="Images.OtelCollector"/>), in one place:
/// upstream renamed many in 2026 (filelog → file_log, otlp exporter → otlp_grpc), and the derived schema
/// (collector-components.json) is of this version, so a test holds every name here to it.
/// </summary>
public static class Vocabulary
{
    // Receivers.
    public const string OtlpReceiver = "otlp";
    public const string FileLog = "file_log";
    public const string Journald = "journald";
    public const string KubernetesObjects = "k8s_objects";
    public const string ZipkinReceiver = "zipkin";
    public const string JaegerReceiver = "jaeger";
    public const string KafkaReceiver = "kafka";

    // Processors.
    public const string MemoryLimiter = "memory_limiter";
    public const string Batch = "batch";
    public const string KubernetesAttributes = "k8s_attributes";
    public const string Filter = "filter";
    public const string Transform = "transform";
    public const string ProbabilisticSampler = "probabilistic_sampler";

    // Exporters.
    public const string OtlpGrpc = "otlp_grpc";
    public const string OtlpHttp = "otlp_http";
    public const string PrometheusRemoteWrite = "prometheusremotewrite";
    public const string Elasticsearch = "elasticsearch";
    public const string Kafka = "kafka";
    public const string ZipkinExporter = "zipkin";
    public const string SplunkHec = "splunk_hec";
    public const string InfluxDb = "influxdb";

    // Extensions.
    public const string HealthCheck = "health_check";
    public const string FileStorage = "file_storage";
    public const string BearerTokenAuth = "bearertokenauth";
    public const string BasicAuth = "basicauth";

    // Connectors.
    public const string SignalToMetrics = "signaltometrics";

    public static IReadOnlyList<(string Kind, string Type)> All { get; } =
    [
        ("receiver", OtlpReceiver), ("receiver", FileLog), ("receiver", Journald), ("receiver", KubernetesObjects), ("receiver", ZipkinReceiver), ("receiver", JaegerReceiver), ("receiver", KafkaReceiver),
        ("processor", MemoryLimiter), ("processor", Batch), ("processor", KubernetesAttributes), ("processor", Filter), ("processor", Transform), ("processor", ProbabilisticSampler),
        ("exporter", OtlpGrpc), ("exporter", OtlpHttp), ("exporter", PrometheusRemoteWrite), ("exporter", Elasticsearch), ("exporter", Kafka), ("exporter", ZipkinExporter), ("exporter", SplunkHec), ("exporter", InfluxDb),
        ("extension", HealthCheck), ("extension", FileStorage), ("extension", BearerTokenAuth), ("extension", BasicAuth),
        ("connector", SignalToMetrics),
    ];
}
