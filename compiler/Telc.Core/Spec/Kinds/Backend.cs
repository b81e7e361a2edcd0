using System.Collections.Immutable;
using Telc.Spec.Values;

namespace Telc.Spec.Kinds;

[Doc("A store or UI run in the cluster, or an external endpoint telemetry is sent to. Exactly one type is set.")]
[ExactlyOneOf("prometheus", "alertmanager", "grafana", "loki", "elasticsearch", "tempo", "zipkin", "jaeger", "influxdb", "kafka", "external")]
public sealed record BackendSpec(
    [Doc("Clusters this backend is deployed to or used from; every cluster when left out."), Reference(SymbolKind.Cluster)]
    ImmutableArray<Located<string>> Clusters,
    [Doc("Prometheus server storing metrics and evaluating rules.")] PrometheusBackend? Prometheus,
    [Doc("Alertmanager routing alerts to receivers.")] AlertmanagerBackend? Alertmanager,
    [Doc("Grafana with dashboards and data sources.")] GrafanaBackend? Grafana,
    [Doc("Loki storing logs.")] LokiBackend? Loki,
    [Doc("Elasticsearch storing logs, optionally with Kibana.")] ElasticsearchBackend? Elasticsearch,
    [Doc("Tempo storing traces.")] TempoBackend? Tempo,
    [Doc("Zipkin storing traces, in memory or in an Elasticsearch backend.")] ZipkinBackend? Zipkin,
    [Doc("Jaeger v2 storing traces.")] JaegerBackend? Jaeger,
    [Doc("InfluxDB storing metrics.")] InfluxDbBackend? Influxdb,
    [Doc("Kafka buffering telemetry between agents and stores.")] KafkaBackend? Kafka,
    [Doc("An endpoint outside the cluster; nothing is deployed, only exporters are configured.")] ExternalBackend? External) : SpecNode;

[Doc("A Prometheus server.")]
public sealed record PrometheusBackend(
    [Doc("Number of identical replicas."), Default(1), Range(1, 10)] int Replicas,
    [Doc("How long and how much the TSDB keeps.")] RetentionSettings? Retention,
    [Doc("Persistent volume of the TSDB; an emptyDir when left out.")] StorageSettings? Storage,
    [Doc("Scrape interval; the Project default when left out.")] Duration? ScrapeInterval,
    [Doc("Rule evaluation interval; the Project default when left out.")] Duration? EvaluationInterval,
    [Doc("Alertmanager backend alerts are sent to; the only Alertmanager when left out."), Reference(SymbolKind.Backend)] Located<string>? Alertmanager,
    [Doc("Render Prometheus Operator objects (PrometheusRule, ServiceMonitor) instead of plain config."), Default(false)] bool Operator,
    [Doc("Container resources.")] ResourceSettings? Resources) : SpecNode;

[Doc("An Alertmanager.")]
public sealed record AlertmanagerBackend(
    [Doc("Number of replicas, clustered with each other."), Default(1), Range(1, 10)] int Replicas,
    [Doc("Persistent volume for silences and notification state.")] StorageSettings? Storage,
    [Doc("Container resources.")] ResourceSettings? Resources) : SpecNode;

[Doc("A Grafana instance.")]
public sealed record GrafanaBackend(
    [Doc("Number of replicas."), Default(1), Range(1, 10)] int Replicas,
    [Doc("Secret holding the admin password.")] SecretKeyRef? AdminPasswordSecretRef,
    [Doc("Backends added as data sources; every in-cluster store when left out."), Reference(SymbolKind.Backend)] ImmutableArray<Located<string>> Datasources,
    [Doc("Persistent volume for Grafana's database.")] StorageSettings? Storage,
    [Doc("Container resources.")] ResourceSettings? Resources) : SpecNode;

[Doc("A Loki instance.")]
public sealed record LokiBackend(
    [Doc("Number of replicas."), Default(1), Range(1, 10)] int Replicas,
    [Doc("How long logs are kept.")] AgeRetention? Retention,
    [Doc("Persistent volume for chunks and index.")] StorageSettings? Storage,
    [Doc("Container resources.")] ResourceSettings? Resources,
    [Doc("Alertmanager backend the ruler sends the alerts of LogQL rules to; the only Alertmanager when left out."), Reference(SymbolKind.Backend)] Located<string>? Alertmanager) : SpecNode;

[Doc("An Elasticsearch cluster with security on, optionally with Kibana.")]
public sealed record ElasticsearchBackend(
    [Doc("Number of nodes: one runs as a single-node cluster, more form one cluster (and need transportTlsSecretRef)."), Default(1), Range(1, 50)] int Replicas,
    [Doc("How long logs are kept (the delete phase of each pipeline's index lifecycle policy).")] AgeRetention? Retention,
    [Doc("Persistent volume of each node.")] StorageSettings? Storage,
    [Doc("Deploy Kibana next to it, with a data view per log pipeline (needs kibanaPasswordSecretRef)."), Default(true)] bool Kibana,
    [Doc("Container resources of each node; the JVM heap is half the memory limit.")] ResourceSettings? Resources,
    [Doc("Secret key holding the password of the built-in elastic superuser, e.g. made with kubectl create secret generic search-credentials --from-literal=elastic=$(openssl rand -base64 24); set on the cluster's first start and used by the setup Job. Never rendered.")]
    SecretKeyRef PasswordSecretRef,
    [Doc("Secret key holding the password of the built-in kibana_system user Kibana logs in as; the setup Job sets it. Needed with kibana: true.")]
    SecretKeyRef? KibanaPasswordSecretRef,
    [Doc("Secret key holding the password of the telc-logs-writer user the collectors and Fluent Bit write as (only to their pipelines' data streams); the setup Job creates it. Needed when a log pipeline ships here.")]
    SecretKeyRef? WriterPasswordSecretRef,
    [Doc("Secret holding the PEM CA, certificate and key the nodes talk to each other with (transport TLS), e.g. made with bin/elasticsearch-certutil. Needed with more than one replica.")]
    CertificateSecretRef? TransportTlsSecretRef,
    [Doc("Raise vm.max_map_count on the node to what Elasticsearch needs (1048576) with a privileged init container; turn off where privileged pods are refused and the nodes are set up already."), Default(true)]
    bool SetMaxMapCount) : SpecNode;

[Doc("A Secret holding a PEM certificate, its private key and the CA that signed it (the keys a cert-manager Certificate writes).")]
public sealed record CertificateSecretRef(
    [Doc("Name of the Secret."), Pattern(Names.DnsLabel, "search-transport")] string Name,
    [Doc("Key of the PEM CA certificate."), Default("ca.crt")] string CaKey,
    [Doc("Key of the PEM certificate."), Default("tls.crt")] string CertKey,
    [Doc("Key of the PEM private key."), Default("tls.key")] string KeyKey) : SpecNode;

[Doc("A single-binary Tempo.")]
public sealed record TempoBackend(
    [Doc("How long traces are kept (Tempo deletes by age only); Tempo's own 14 days when left out.")] AgeRetention? Retention,
    [Doc("Persistent volume for trace blocks and the write-ahead log; an emptyDir when left out.")] StorageSettings? Storage,
    [Doc("Container resources.")] ResourceSettings? Resources,
    [Doc("Metrics Tempo derives from the spans it receives, remote-written to the cluster's first Prometheus (one without operator: true).")] TempoMetricsGenerator? MetricsGenerator) : SpecNode;

[Doc("Which metrics Tempo's metrics generator derives from spans.")]
public sealed record TempoMetricsGenerator(
    [Doc("Requests, errors and latency per service and span (traces_spanmetrics_calls_total, traces_spanmetrics_latency_*)."), Default(true)] bool SpanMetrics,
    [Doc("Calls between services, for a service graph (traces_service_graph_request_*)."), Default(true)] bool ServiceGraphs) : SpecNode;

[Doc("A single-node Jaeger v2 keeping traces in badger on its volume, with its query UI.")]
public sealed record JaegerBackend(
    [Doc("How long traces are kept (badger's span TTL, counted from when Jaeger stored them; it deletes by age only); Jaeger's own 72h when left out.")] AgeRetention? Retention,
    [Doc("Persistent volume for badger's keys and values; an emptyDir when left out (traces are lost with the pod).")] StorageSettings? Storage,
    [Doc("Container resources.")] ResourceSettings? Resources) : SpecNode;

[Doc("A Zipkin server with its UI. It keeps spans in memory (the newest that fit, whatever their age) unless elasticsearch names where to store them.")]
public sealed record ZipkinBackend(
    [Doc("How long traces are kept in Elasticsearch (the delete phase of the index lifecycle of Zipkin's daily indices); in memory Zipkin cannot keep spans by age.")] AgeRetention? Retention,
    [Doc("Not used: Zipkin has no store on a volume of its own; it keeps spans in memory, or in the Elasticsearch that elasticsearch names.")] StorageSettings? Storage,
    [Doc("Container resources; in memory, the memory limit decides how many spans are kept (the JVM heap is half of it, one span per KiB of heap).")] ResourceSettings? Resources,
    [Doc("An Elasticsearch backend deployed to the same clusters that stores the spans, in daily zipkin-span-* indices kept for the retention; in memory when left out."), Reference(SymbolKind.Backend)]
    Located<string>? Elasticsearch) : SpecNode;

[Doc("An InfluxDB 2 instance, set up on its first start with an organization, a bucket and an admin user.")]
public sealed record InfluxDbBackend(
    [Doc("Organization that owns the bucket."), Default("telemetry")] string Organization,
    [Doc("Bucket metrics are written to."), Default("metrics")] string Bucket,
    [Doc("How long the bucket keeps data (at least 1h; InfluxDB deletes by age only); kept for ever when left out. A RetentionPolicy rule for metrics that reaches this backend wins.")] AgeRetention? Retention,
    [Doc("Persistent volume of its data; an emptyDir when left out.")] StorageSettings? Storage,
    [Doc("Secret key holding the admin token, which the collectors write with, and the admin user's password (InfluxDB asks for one on its first start), e.g. made with kubectl create secret generic influxdb-auth --from-literal=token=$(openssl rand -hex 32). Never rendered.")]
    SecretKeyRef? TokenSecretRef) : SpecNode;

[Doc("A Kafka cluster in KRaft mode, used as a buffer: every broker is also a controller, and each pipeline that writes to it has a topic of its own.")]
public sealed record KafkaBackend(
    [Doc("Number of brokers, each also a voter of the controller quorum; topics are replicated to three of them (to all, when fewer). The voters are fixed when the cluster first starts, so change this only on a new cluster."), Default(3), Range(1, 50)] int Replicas,
    [Doc("Partitions of each topic; raising it adds partitions to existing topics, which Kafka cannot take away again."), Default(6), Range(1, 1000)] int Partitions,
    [Doc("How long each topic keeps messages (Kafka's own 7 days when left out) and how much it keeps at most, spread over its partitions; a RetentionPolicy rule that reaches this backend wins.")] RetentionSettings? Retention,
    [Doc("Persistent volume of each broker; an emptyDir, which loses the buffer with the pod, when left out.")] StorageSettings? Storage) : SpecNode;

[Doc("An endpoint outside the cluster. Exactly one protocol is set.")]
[ExactlyOneOf("otlp", "prometheusRemoteWrite", "elasticsearch", "loki", "splunkHec")]
public sealed record ExternalBackend(
    [Doc("An OTLP endpoint (gRPC or HTTP), e.g. a vendor or another collector.")] OtlpEndpoint? Otlp,
    [Doc("A Prometheus remote-write endpoint.")] HttpEndpoint? PrometheusRemoteWrite,
    [Doc("An Elasticsearch endpoint.")] HttpEndpoint? Elasticsearch,
    [Doc("A Loki push endpoint.")] HttpEndpoint? Loki,
    [Doc("A Splunk HTTP Event Collector.")] SplunkHecEndpoint? SplunkHec) : SpecNode;

public enum OtlpProtocol
{
    Grpc,
    Http,
}

[Doc("An OTLP endpoint.")]
public sealed record OtlpEndpoint(
    [Doc("URL of the endpoint, e.g. https://otlp.vendor.example:4317."), Pattern("^(https?|grpc)://[^\\s]+$", "https://otlp.vendor.example:4317")] string Endpoint,
    [Doc("Transport."), Default(OtlpProtocol.Grpc)] OtlpProtocol Protocol,
    [Doc("TLS settings; TLS with the system CAs when left out.")] TlsSettings? Tls,
    [Doc("Headers with values from Secrets, e.g. an API key.")] ImmutableArray<SecretHeader> Headers,
    [Doc("Authentication.")] AuthSettings? Auth) : SpecNode;

[Doc("An HTTP endpoint.")]
public sealed record HttpEndpoint(
    [Doc("URL of the endpoint."), Pattern("^https?://[^\\s]+$", "https://metrics.example/api/v1/write")] string Url,
    [Doc("TLS settings.")] TlsSettings? Tls,
    [Doc("Authentication.")] AuthSettings? Auth,
    [Doc("Tenant or index the data goes to, where the protocol has one.")] string? Tenant) : SpecNode;

[Doc("A Splunk HTTP Event Collector.")]
public sealed record SplunkHecEndpoint(
    [Doc("URL of the collector."), Pattern("^https?://[^\\s]+$", "https://splunk.example:8088")] string Url,
    [Doc("Secret key holding the HEC token.")] SecretKeyRef TokenSecretRef,
    [Doc("Index events go to.")] string? Index,
    [Doc("TLS settings.")] TlsSettings? Tls) : SpecNode;
