using System.Collections.Immutable;
using System.Text;
using Telc.Emit.Elasticsearch;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;
using static Telc.Output.OutTree;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// Turns a pipeline's output into its own exporter with its own sending queue and retry budget, so a slow or dead
/// output stalls only its pipeline. Secret values reach the collector as mounted files or as environment variables
/// from secretKeyRef; the ConfigMap holds only their paths and ${env:…} references.
/// </summary>
public static class Exporters
{
    /// <summary>Where the Secrets a collector reads are mounted: one folder per Secret.</summary>
    public const string SecretsDirectory = "/etc/telc/secrets";

    public static CollectorExporter For(CollectorPipelinePlan part, string storage)
    {
        var id = Id(Type(part), part.Id);
        var secrets = new SecretUse(part.Id, name => "${env:" + name + "}");
        var queue = part.ReadsVia ? ReadingQueue(part.Buffer) : Queue(part.Buffer, storage);
        var retry = Retry(part.Buffer.RetryFor);
        var config = part.WritesVia
            ? KafkaBuffer.Writer(part.Via!.Bootstrap, part.Via.Topic, part.Signal, queue, retry)
            : Config(part, id, secrets, queue, retry);
        return new CollectorExporter(id, config, [.. secrets.AuthExtensions], [.. secrets.Variables], [.. secrets.Mounted]);
    }

    private static OutMap Config(CollectorPipelinePlan part, string id, SecretUse secrets, OutMap queue, OutMap retry)
    {
        var output = part.Output;
        return output.Type switch
        {
            BackendType.ExternalOtlp => Otlp(output.Spec.External!.Otlp!, id, secrets, queue, retry),
            BackendType.ExternalPrometheusRemoteWrite => RemoteWrite(output.Spec.External!.PrometheusRemoteWrite!.Url, output.Spec.External.PrometheusRemoteWrite, part, secrets, retry),
            BackendType.Prometheus => RemoteWrite($"http://{output.ServiceHost}:9090/api/v1/write", null, part, secrets, retry),
            BackendType.ExternalLoki => OtlpHttp(LokiOtlpBase(output.Spec.External!.Loki!.Url), output.Spec.External.Loki, id, secrets, queue, retry),
            BackendType.Loki => Map(("endpoint", $"http://{output.ServiceHost}:3100/otlp"), ("sending_queue", queue), ("retry_on_failure", retry)),
            BackendType.ExternalElasticsearch => Elastic(output.Spec.External!.Elasticsearch!.Url, output.Spec.External.Elasticsearch, output.Spec.External.Elasticsearch.Tenant, id, secrets, queue, part.Buffer.RetryFor),
            BackendType.Elasticsearch => Elastic(ElasticsearchWriter.Url(output.ServiceHost!), null, LogDataStream.NameOf(part.Pipeline.Name), id, secrets, queue, part.Buffer.RetryFor,
                output.Spec.Elasticsearch!.WriterPasswordSecretRef),
            BackendType.ExternalSplunkHec => Splunk(output.Spec.External!.SplunkHec!, secrets, queue, retry),
            BackendType.Tempo or BackendType.Jaeger => Map(("endpoint", $"{output.ServiceHost}:4317"), ("tls", Map(("insecure", true))), ("sending_queue", queue), ("retry_on_failure", retry)),
            BackendType.Zipkin => Map(("endpoint", $"http://{output.ServiceHost}:9411/api/v2/spans"), ("sending_queue", queue), ("retry_on_failure", retry)),
            BackendType.Influxdb => Influx(output, secrets, queue, retry),
            BackendType.Kafka => KafkaBuffer.Writer(KafkaPlan.Bootstrap(output.ServiceHost!), KafkaTopicPlan.NameOf(part.Signal, part.Pipeline.Name), part.Signal, queue, retry),
            _ => throw new InvalidOperationException($"no collector exporter for {output.Type}; the checks refuse this output"),
        };
    }

    public static string Type(CollectorPipelinePlan part) => part.WritesVia ? Vocabulary.Kafka : part.Output.Type switch
    {
        BackendType.ExternalOtlp when part.Output.Spec.External!.Otlp!.Protocol == OtlpProtocol.Http => Vocabulary.OtlpHttp,
        BackendType.ExternalOtlp or BackendType.Tempo or BackendType.Jaeger => Vocabulary.OtlpGrpc,
        BackendType.Loki or BackendType.ExternalLoki => Vocabulary.OtlpHttp,
        BackendType.Prometheus or BackendType.ExternalPrometheusRemoteWrite => Vocabulary.PrometheusRemoteWrite,
        BackendType.Elasticsearch or BackendType.ExternalElasticsearch => Vocabulary.Elasticsearch,
        BackendType.ExternalSplunkHec => Vocabulary.SplunkHec,
        BackendType.Zipkin => Vocabulary.ZipkinExporter,
        BackendType.Influxdb => Vocabulary.InfluxDb,
        _ => Vocabulary.Kafka,
    };

    public static string Id(string type, string name) => $"{type}/{name}";

    /// <summary>
    /// The pipeline's own queue: its size in batches (requests), on the file_storage extension when persistent. It
    /// never blocks: when it is full the exporter refuses new data, which is dropped and counted in
    /// otelcol_exporter_enqueue_failed_*, so a full queue cannot stall the receivers other pipelines share.
    /// </summary>
    public static OutMap Queue(BufferSettings buffer, string storage) => Map(
        ("enabled", true), ("sizer", "requests"), ("queue_size", buffer.QueueSize), ("block_on_overflow", false),
        ("storage", buffer.Persistent ? storage : null));

    /// <summary>
    /// The queue of the part that reads a pipeline's Kafka topic: the topic is the persistent queue, so this one only
    /// batches, and hands its result back (wait_for_result) so a message is marked consumed only once its output took it.
    /// </summary>
    private static OutMap ReadingQueue(BufferSettings buffer) => Map(
        ("enabled", true), ("sizer", "requests"), ("queue_size", buffer.QueueSize), ("block_on_overflow", true), ("wait_for_result", true));

    public static OutMap Retry(Duration retryFor) => Map(("enabled", true), ("max_elapsed_time", GoDuration(retryFor)));

    /// <summary>A duration as Go writes it (the collector has no d or w unit): 1h30m0s.</summary>
    public static string GoDuration(Duration duration)
    {
        var value = duration.Value;
        var text = new StringBuilder();
        if ((long)value.TotalHours is > 0 and var hours)
        {
            text.Append(hours).Append('h');
        }

        if (value.Minutes > 0 || text.Length > 0)
        {
            text.Append(value.Minutes).Append('m');
        }

        text.Append(value.Seconds);
        if (value.Milliseconds > 0)
        {
            text.Append('.').Append(value.Milliseconds.ToString("000", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        return text.Append('s').ToString();
    }

    private static OutMap Otlp(OtlpEndpoint endpoint, string id, SecretUse secrets, OutMap queue, OutMap retry) =>
        endpoint.Protocol == OtlpProtocol.Http
            ? Map(("endpoint", endpoint.Endpoint), ("tls", Tls(endpoint.Tls, secrets)), ("headers", Headers(endpoint.Headers, null, secrets)),
                ("auth", Auth(endpoint.Auth, id, secrets)), ("sending_queue", queue), ("retry_on_failure", retry))
            : Map(("endpoint", GrpcTarget(endpoint.Endpoint)), ("tls", Tls(endpoint.Tls, secrets, GrpcPlaintext(endpoint))),
                ("headers", Headers(endpoint.Headers, null, secrets)), ("auth", Auth(endpoint.Auth, id, secrets)), ("sending_queue", queue), ("retry_on_failure", retry));

    private static OutMap OtlpHttp(string url, HttpEndpoint endpoint, string id, SecretUse secrets, OutMap queue, OutMap retry) =>
        Map(("endpoint", url), ("tls", Tls(endpoint.Tls, secrets)), ("headers", Headers([], endpoint.Tenant, secrets)), ("auth", Auth(endpoint.Auth, id, secrets)),
            ("sending_queue", queue), ("retry_on_failure", retry));

    /// <summary>
    /// Prometheus remote write keeps the spec's metric names as they are (no unit or _total suffix added, so rules
    /// select what the spec names) and turns resource attributes into labels, which keeps series of different
    /// sources apart. The exporter has its own queue (remote_write_queue) instead of a sending queue, and keeps a
    /// persistent one in its write-ahead log, in a folder of its own beside the other queues.
    /// </summary>
    private static OutMap RemoteWrite(string url, HttpEndpoint? endpoint, CollectorPipelinePlan part, SecretUse secrets, OutMap retry) =>
        Map(("endpoint", url), ("tls", endpoint is null ? null : Tls(endpoint.Tls, secrets)), ("headers", Headers([], endpoint?.Tenant, secrets)),
            ("auth", Auth(endpoint?.Auth, Id(Vocabulary.PrometheusRemoteWrite, part.Id), secrets)), ("add_metric_suffixes", false),
            ("resource_to_telemetry_conversion", Map(("enabled", true))),
            ("remote_write_queue", Map(("enabled", true), ("queue_size", part.Buffer.QueueSize))), ("retry_on_failure", retry),
            ("wal", part.Buffer.Persistent ? Map(("directory", $"{CollectorConfigBuilder.StorageDirectory}/wal-{part.Id}")) : null));

    /// <summary>An Elasticsearch telc runs is written to as its writer user (<paramref name="writerPassword"/>), into the pipeline's own data stream.</summary>
    private static OutMap Elastic(string url, HttpEndpoint? endpoint, string? index, string id, SecretUse secrets, OutMap queue, Duration retryFor, SecretKeyRef? writerPassword = null) =>
        Map(("endpoints", Seq(url)), ("logs_index", index), ("tls", endpoint is null ? null : Tls(endpoint.Tls, secrets)),
            ("auth", Auth(endpoint?.Auth, id, secrets)), ("sending_queue", queue), ("retry", ElasticRetry(retryFor)),
            ("user", writerPassword is null ? null : ElasticsearchWriter.User), ("password", writerPassword is null ? null : secrets.Environment("PASSWORD", writerPassword)));

    /// <summary>
    /// The Elasticsearch exporter counts retries instead of timing them: with the interval capped at a minute, the
    /// retry budget in minutes (plus the few quick first attempts) is about as long as the spec's retryFor.
    /// </summary>
    private static OutMap ElasticRetry(Duration retryFor) =>
        Map(("enabled", true), ("max_interval", "1m0s"), ("max_retries", (int)Math.Max(1, Math.Ceiling(retryFor.Value.TotalMinutes)) + 6));

    /// <summary>
    /// InfluxDB 2's write API with the admin token (sent as Authorization: Token …), each metric a measurement of its
    /// own name (telegraf-prometheus-v1, the exporter's default, written out): what Grafana's InfluxDB queries expect.
    /// </summary>
    private static OutMap Influx(CollectorOutputPlan output, SecretUse secrets, OutMap queue, OutMap retry)
    {
        var influx = output.Spec.Influxdb!;
        return Map(("endpoint", $"http://{output.ServiceHost}:{InfluxDbPlan.HttpPort}"), ("org", influx.Organization), ("bucket", influx.Bucket),
            ("token", secrets.Environment("TOKEN", influx.TokenSecretRef!)), ("metrics_schema", "telegraf-prometheus-v1"), ("sending_queue", queue), ("retry_on_failure", retry));
    }

    private static OutMap Splunk(SplunkHecEndpoint endpoint, SecretUse secrets, OutMap queue, OutMap retry) =>
        Map(("endpoint", endpoint.Url), ("token", secrets.Environment("TOKEN", endpoint.TokenSecretRef)), ("index", endpoint.Index),
            ("tls", Tls(endpoint.Tls, secrets)), ("sending_queue", queue), ("retry_on_failure", retry));

    /// <summary>gRPC dials host:port; the scheme only says whether TLS is used.</summary>
    private static string GrpcTarget(string endpoint)
    {
        var rest = endpoint[(endpoint.IndexOf("://", StringComparison.Ordinal) + 3)..];
        return rest.TrimEnd('/');
    }

    /// <summary>Loki 3 takes OTLP at /otlp (the exporter adds /v1/logs); a push URL written with Loki's own push path is taken as its base.</summary>
    private static string LokiOtlpBase(string url)
    {
        const string Push = "/loki/api/v1/push";
        var trimmed = url.TrimEnd('/');
        var baseUrl = trimmed.EndsWith(Push, StringComparison.Ordinal) ? trimmed[..^Push.Length] : trimmed;
        return baseUrl.EndsWith("/otlp", StringComparison.Ordinal) ? baseUrl : baseUrl + "/otlp";
    }

    /// <summary>gRPC without TLS: an http:// endpoint, or grpc:// with tls.insecure (grpc:// alone is TLS, as https://).</summary>
    private static bool GrpcPlaintext(OtlpEndpoint endpoint) =>
        endpoint.Endpoint.StartsWith("http://", StringComparison.Ordinal) || (endpoint.Endpoint.StartsWith("grpc://", StringComparison.Ordinal) && endpoint.Tls is { Insecure: true });

    /// <summary>TLS settings; over HTTP the URL's scheme decides whether TLS is used, so only gRPC ever gets insecure.</summary>
    private static OutMap? Tls(TlsSettings? tls, SecretUse secrets, bool plaintext = false)
    {
        if (tls is null)
        {
            return plaintext ? Map(("insecure", true)) : null;
        }

        return Map(
            ("insecure", plaintext ? true : null),
            ("insecure_skip_verify", tls.InsecureSkipVerify ? true : null),
            ("ca_file", tls.CaSecretRef is { } ca ? secrets.File(ca.Name, ca.Key) : null),
            ("cert_file", tls.ClientCertSecretRef is { } cert ? secrets.File(cert.Name, cert.CertKey) : null),
            ("key_file", tls.ClientCertSecretRef is { } key ? secrets.File(key.Name, key.KeyKey) : null));
    }

    private static OutMap? Headers(ImmutableArray<SecretHeader> headers, string? tenant, SecretUse secrets) =>
        headers.IsDefaultOrEmpty && tenant is null
            ? null
            : Map([
                .. headers.Select(h => (h.Name, (object?)secrets.Environment("HEADER_" + h.Name, h.ValueSecretRef))),
                .. tenant is null ? [] : new[] { ("X-Scope-OrgID", (object?)tenant) },
            ]);

    /// <summary>Basic auth and bearer tokens go through the collector's auth extensions, one per exporter.</summary>
    private static OutMap? Auth(AuthSettings? auth, string exporterId, SecretUse secrets)
    {
        if (auth?.Basic is { } basic)
        {
            var id = Id(Vocabulary.BasicAuth, exporterId.Replace('/', '-'));
            secrets.AuthExtensions.Add((id, Map(("client_auth", Map(
                ("username", basic.Username ?? secrets.Environment("USERNAME", basic.UserSecretRef!)),
                ("password", secrets.Environment("PASSWORD", basic.PasswordSecretRef)))))));
            return Map(("authenticator", id));
        }

        if (auth?.BearerTokenSecretRef is { } token)
        {
            var id = Id(Vocabulary.BearerTokenAuth, exporterId.Replace('/', '-'));
            secrets.AuthExtensions.Add((id, Map(("filename", secrets.File(token.Name, token.Key)))));
            return Map(("authenticator", id));
        }

        return null;
    }
}
