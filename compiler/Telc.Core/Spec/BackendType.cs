namespace Telc.Spec;

/// <summary>What a Backend document is: the one section its spec sets (for an external endpoint, its protocol).</summary>
public enum BackendType
{
    Prometheus,
    Alertmanager,
    Grafana,
    Loki,
    Elasticsearch,
    Tempo,
    Zipkin,
    Jaeger,
    Influxdb,
    Kafka,
    ExternalOtlp,
    ExternalPrometheusRemoteWrite,
    ExternalElasticsearch,
    ExternalLoki,
    ExternalSplunkHec,
}
