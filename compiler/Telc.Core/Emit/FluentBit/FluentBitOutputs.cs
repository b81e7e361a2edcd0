using Telc.Emit.Elasticsearch;
using Telc.Emit.OtelCollector;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Emit.FluentBit;

/// <summary>
/// A log pipeline's one output as a Fluent Bit output plugin, matching only that pipeline's records. Its buffer is the
/// pipeline's own: chunks on the node's disk, bounded by storage.total_limit_size; secret values come from environment
/// variables filled from Secrets (${NAME}) or mounted files, never from the ConfigMap.
/// </summary>
public static class FluentBitOutputs
{
    /// <summary>Fluent Bit counts its buffer in bytes; a queued batch is taken as one chunk of up to this size.</summary>
    public const int BatchBytes = 256 * 1024;

    /// <summary>The most the scheduler waits between two retries (scheduler.cap), which turns retryFor into a retry count.</summary>
    public const int RetryCapSeconds = 60;

    public static (IReadOnlyList<(string Key, object? Value)> Settings, IReadOnlyList<SecretEnvironment> Environment, IReadOnlyList<string> Secrets) For(CollectorPipelinePlan part)
    {
        var output = part.Output;
        var secrets = new SecretUse(part.Id, name => "${" + name + "}");

        IEnumerable<(string, object?)> Tls(Uri url, TlsSettings? tls) => url.Scheme is "https" or "grpc" && !(url.Scheme == "grpc" && tls?.Insecure == true)
            ?
            [
                ("tls", true), ("tls.verify", tls?.InsecureSkipVerify != true),
                ("tls.ca_file", tls?.CaSecretRef is { } ca ? secrets.File(ca.Name, ca.Key) : null),
                ("tls.crt_file", tls?.ClientCertSecretRef is { } cert ? secrets.File(cert.Name, cert.CertKey) : null),
                ("tls.key_file", tls?.ClientCertSecretRef is { } key ? secrets.File(key.Name, key.KeyKey) : null),
            ]
            : [("tls", false)];

        IEnumerable<(string, object?)> Basic(AuthSettings? auth) => auth?.Basic is { } basic
            ? [("http_user", basic.Username ?? secrets.Environment("USERNAME", basic.UserSecretRef!)), ("http_passwd", secrets.Environment("PASSWORD", basic.PasswordSecretRef))]
            : [];

        IEnumerable<(string, object?)> Endpoint(Uri url) => [("host", url.Host), ("port", url.Port)];

        var settings = new List<(string Key, object? Value)>();
        switch (output.Type)
        {
            case BackendType.ExternalOtlp:
                var otlp = output.Spec.External!.Otlp!;
                var url = new Uri(otlp.Endpoint);
                var headers = (otlp.Headers.IsDefault ? [] : otlp.Headers).Select(h => $"{h.Name} {secrets.Environment("HEADER_" + h.Name, h.ValueSecretRef)}").ToList();
                if (otlp.Auth?.BearerTokenSecretRef is { } bearer)
                {
                    headers.Add($"Authorization Bearer {secrets.Environment("TOKEN", bearer)}");
                }

                settings.AddRange([("name", "opentelemetry"), .. Endpoint(url), .. Tls(url, otlp.Tls)]);
                settings.AddRange(otlp.Protocol == OtlpProtocol.Grpc
                    ? [("grpc", true)]
                    : [("logs_uri", url.AbsolutePath.TrimEnd('/') + "/v1/logs")]);
                settings.AddRange([("header", headers.Count == 0 ? null : OutTree.Seq(headers)), .. Basic(otlp.Auth)]);
                break;
            case BackendType.ExternalLoki or BackendType.Loki:
                var loki = output.Spec.External?.Loki;
                var lokiUrl = new Uri(loki?.Url ?? $"http://{output.ServiceHost}:3100/loki/api/v1/push");
                settings.AddRange([("name", "loki"), .. Endpoint(lokiUrl), ("uri", lokiUrl.AbsolutePath), .. Tls(lokiUrl, loki?.Tls),
                    ("tenant_id", loki?.Tenant), .. Basic(loki?.Auth), ("bearer_token", loki?.Auth?.BearerTokenSecretRef is { } token ? secrets.Environment("TOKEN", token) : null),
                    // The label names Loki gives the same OTLP resource attributes, so selectors (and team retention) find both agents' streams.
                    // No service_name: Loki derives it from k8s_container_name on either path (its discover_service_name), so both agree.
                    ("labels", "k8s_namespace_name=$kubernetes['namespace_name'], k8s_container_name=$kubernetes['container_name']"),
                    ("line_format", "json")]);
                break;
            case BackendType.ExternalElasticsearch or BackendType.Elasticsearch:
                var elastic = output.Spec.External?.Elasticsearch;
                var writer = output.Spec.Elasticsearch?.WriterPasswordSecretRef;
                var elasticUrl = new Uri(elastic?.Url ?? ElasticsearchWriter.Url(output.ServiceHost!));
                // Dots in keys (app.kubernetes.io/name) become underscores, so that app and app.kubernetes.io/name do not collide in the mapping.
                // An Elasticsearch telc runs is written to as its writer user, into the pipeline's data stream (which takes
                // Fluent Bit's default write_operation, create).
                settings.AddRange([("name", "es"), .. Endpoint(elasticUrl), .. Tls(elasticUrl, elastic?.Tls), .. Basic(elastic?.Auth),
                    ("http_user", writer is null ? null : ElasticsearchWriter.User), ("http_passwd", writer is null ? null : secrets.Environment("PASSWORD", writer)),
                    ("index", elastic is null ? LogDataStream.NameOf(part.Pipeline.Name) : elastic.Tenant ?? $"logs-{part.Pipeline.Name}"),
                    ("suppress_type_name", true), ("replace_dots", true)]);
                break;
            case BackendType.ExternalSplunkHec:
                var splunk = output.Spec.External!.SplunkHec!;
                var splunkUrl = new Uri(splunk.Url);
                settings.AddRange([("name", "splunk"), .. Endpoint(splunkUrl), .. Tls(splunkUrl, splunk.Tls),
                    ("splunk_token", secrets.Environment("TOKEN", splunk.TokenSecretRef)), ("event_index", splunk.Index)]);
                break;
            default:
                settings.AddRange([("name", "kafka"), ("brokers", KafkaPlan.Bootstrap(output.ServiceHost!)), ("topics", KafkaTopicPlan.NameOf(part.Signal, part.Pipeline.Name))]);
                break;
        }

        settings.AddRange([
            ("match", $"{part.Id}.*"),
            ("alias", part.Id),
            ("retry_limit", RetryLimit(part.Buffer.RetryFor)),
            ("storage.total_limit_size", part.Buffer.Persistent ? BufferSize(part.Buffer) : null),
        ]);
        return (settings, secrets.Variables, [.. secrets.Mounted]);
    }

    /// <summary>The pipeline's buffer in bytes, as Fluent Bit writes sizes: queueSize batches of <see cref="BatchBytes"/>.</summary>
    public static string BufferSize(BufferSettings buffer) => $"{(long)buffer.QueueSize * BatchBytes / 1024}K";

    /// <summary>Retries that, at most <see cref="RetryCapSeconds"/> apart after the first quick ones, last about retryFor.</summary>
    public static int RetryLimit(Duration retryFor) => (int)Math.Max(1, Math.Ceiling(retryFor.Value.TotalSeconds / RetryCapSeconds)) + 5;
}
