namespace Telc.Emit;

/// <summary>The one table of container images telc renders, pinned so a render never changes under the user.</summary>
public static class Images
{
    public const string Prometheus = "quay.io/prometheus/prometheus:v2.53.3";
    public const string Alertmanager = "quay.io/prometheus/alertmanager:v0.28.1";
    public const string NodeExporter = "quay.io/prometheus/node-exporter:v1.8.2";
    /// <summary>The contrib distribution: the one that ships file_log, journald, k8s_attributes and the vendor exporters. Its component names are in OtelCollector.Vocabulary.</summary>
    public const string OtelCollector = "otel/opentelemetry-collector-contrib:0.159.0";
    /// <summary>Fluent Bit, for log pipelines that ask for it; its plugins are checked against FluentBit/fluent-bit-plugins.json of this version.</summary>
    public const string FluentBit = "cr.fluentbit.io/fluent/fluent-bit:5.1.1";
    /// <summary>Loki, run as a single binary; its config is checked against Loki/loki-config.json of this version.</summary>
    public const string Loki = "grafana/loki:3.7.6";
    /// <summary>Tempo, run as a single binary; its config is checked against Tempo/tempo-config.json of this version.</summary>
    public const string Tempo = "grafana/tempo:2.10.8";
    /// <summary>Jaeger v2, one binary (a collector distribution); its config is checked against Jaeger/jaeger-components.json of this version.</summary>
    public const string Jaeger = "jaegertracing/jaeger:2.20.0";
    /// <summary>Zipkin's full image (its server with every storage type and the UI).</summary>
    public const string Zipkin = "openzipkin/zipkin:3.6.1";
    /// <summary>Elasticsearch, also the image of its vm.max_map_count init container and setup Job (it has bash, sysctl and curl).</summary>
    public const string Elasticsearch = "docker.elastic.co/elasticsearch/elasticsearch:9.5.1";
    /// <summary>Kibana, always the version of Elasticsearch.</summary>
    public const string Kibana = "docker.elastic.co/kibana/kibana:9.5.1";
    /// <summary>Kafka in KRaft mode, configured through the image's KAFKA_* environment; also the image of its topics Job (it has bash and the Kafka tools).</summary>
    public const string Kafka = "apache/kafka:4.3.1";
    /// <summary>InfluxDB 2, set up on its first start from its DOCKER_INFLUXDB_INIT_* environment; also the image of its retention Job (it has bash and the influx CLI).</summary>
    public const string InfluxDb = "influxdb:2.9.1";
    /// <summary>
    /// Grafana 12, its datasource and dashboard provisioning checked against Grafana/grafana-provisioning.json. The tag
    /// follows Grafana's release naming but was not verified against the registry here (none was reachable).
    /// </summary>
    public const string Grafana = "grafana/grafana:12.3.0";
    public const string KubeStateMetrics = "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0";
}
