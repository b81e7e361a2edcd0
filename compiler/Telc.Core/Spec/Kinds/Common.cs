using System.Collections.Immutable;
using Telc.Spec.Values;

namespace Telc.Spec.Kinds;

[Doc("A key of a Kubernetes Secret in the cluster's telemetry namespace. The value is mounted, never rendered.")]
public sealed record SecretKeyRef(
    [Doc("Name of the Secret."), Pattern(Names.DnsLabel, "opsgenie")] string Name,
    [Doc("Key inside the Secret.")] string Key) : SpecNode;

[Doc("A Secret holding a client certificate and its private key, for mutual TLS.")]
public sealed record ClientCertificateRef(
    [Doc("Name of the Secret."), Pattern(Names.DnsLabel, "vendor-mtls")] string Name,
    [Doc("Key of the PEM certificate."), Default("tls.crt")] string CertKey,
    [Doc("Key of the PEM private key."), Default("tls.key")] string KeyKey) : SpecNode;

[Doc("Namespaces to include or exclude. An empty include list means every namespace.")]
public sealed record NamespaceSelector(
    [Doc("Only these namespaces.")] ImmutableArray<string> Include,
    [Doc("Never these namespaces; applied after include.")] ImmutableArray<string> Exclude) : SpecNode;

[Doc("Names to include or exclude. An empty include list means all.")]
public sealed record NameSelector(
    [Doc("Only these names.")] ImmutableArray<string> Include,
    [Doc("Never these names; applied after include.")] ImmutableArray<string> Exclude) : SpecNode;

[Doc("Persistent storage of a backend.")]
public sealed record StorageSettings(
    [Doc("Size of the volume claim, e.g. 50Gi.")] ByteSize Size,
    [Doc("Storage class of the volume claim; the cluster default when left out.")] string? StorageClass) : SpecNode;

[Doc("How long a backend keeps data, and how much it may keep.")]
public sealed record RetentionSettings(
    [Doc("How long data is kept, e.g. 15d.")] Duration? Time,
    [Doc("How much data is kept at most before the oldest is deleted, e.g. 40GiB.")] ByteSize? Size) : SpecNode;

[Doc("How long a backend keeps data. It deletes by age only, so there is no size to set.")]
public sealed record AgeRetention(
    [Doc("How long data is kept, e.g. 15d.")] Duration? Time) : SpecNode;

[Doc("CPU and memory for a container, as Kubernetes quantities.")]
public sealed record ResourceSettings(
    [Doc("What the scheduler reserves.")] ResourceAmounts? Requests,
    [Doc("The most the container may use.")] ResourceAmounts? Limits) : SpecNode;

[Doc("An amount of CPU and memory.")]
public sealed record ResourceAmounts(
    [Doc("CPU, e.g. 500m or 2."), Pattern("^[0-9]+(\\.[0-9]+)?m?$", "500m")] string? Cpu,
    [Doc("Memory, e.g. 512Mi.")] ByteSize? Memory) : SpecNode;

[Doc("TLS towards an endpoint.")]
public sealed record TlsSettings(
    [Doc("Send without TLS, for an OTLP gRPC endpoint written grpc://; elsewhere the URL's scheme decides (http:// or https://). Refused towards external endpoints in prod by policy."), Default(false)] bool Insecure,
    [Doc("Accept any server certificate. Refused in prod by policy."), Default(false)] bool InsecureSkipVerify,
    [Doc("Secret key holding the CA bundle that signs the server certificate.")] SecretKeyRef? CaSecretRef,
    [Doc("Client certificate and key for mutual TLS.")] ClientCertificateRef? ClientCertSecretRef) : SpecNode;

[Doc("Credentials sent to an endpoint, always read from Secrets.")]
[AtMostOneOf("basic", "bearerTokenSecretRef")]
public sealed record AuthSettings(
    [Doc("HTTP basic authentication.")] BasicAuth? Basic,
    [Doc("Secret key holding a bearer token.")] SecretKeyRef? BearerTokenSecretRef) : SpecNode;

[Doc("HTTP basic authentication; the password always from a Secret, the user name as text or from a Secret.")]
[ExactlyOneOf("username", "userSecretRef")]
public sealed record BasicAuth(
    [Doc("User name, when it is not secret.")] string? Username,
    [Doc("Secret key holding the user name (rendered as username_file, which needs Prometheus 2.48 or later).")] SecretKeyRef? UserSecretRef,
    [Doc("Secret key holding the password.")] SecretKeyRef PasswordSecretRef) : SpecNode;

[Doc("An HTTP header whose value comes from a Secret.")]
public sealed record SecretHeader(
    [Doc("Header name."), Pattern("^[A-Za-z0-9-]+$", "x-api-key")] string Name,
    [Doc("Secret key holding the header value.")] SecretKeyRef ValueSecretRef) : SpecNode;

[Doc("A pipeline's own queue, so a slow or failing output stalls only that pipeline.")]
public sealed record BufferSettings(
    [Doc("Batches held in the queue before the oldest are dropped."), Default(5000), Range(1, 1_000_000)] int QueueSize,
    [Doc("How long sending is retried before data is dropped."), Default("5m")] Duration RetryFor,
    [Doc("Keep the queue on the node's disk so it survives restarts."), Default(false)] bool Persistent) : SpecNode;

[Doc("The one destination of a pipeline.")]
public sealed record PipelineOutput(
    [Doc("Name of the Backend that receives the data."), Reference(SymbolKind.Backend)] Located<string> Backend,
    [Doc("Name of a Kafka backend the data passes through on its way to the backend, so a store outage loses nothing while the topic keeps it: the collectors write the pipeline's own topic, and the gateway reads it (in a consumer group of the pipeline's own) and ships to the backend."),
     Reference(SymbolKind.Backend)]
    Located<string>? Via) : SpecNode;
