using System.Collections.Immutable;
using Telc.Spec.Values;

namespace Telc.Spec.Kinds;

[Doc("Collects metrics and ships them to one backend through its own buffer.")]
public sealed record MetricPipelineSpec(
    [Doc("Clusters the pipeline runs in; every cluster when left out."), Reference(SymbolKind.Cluster)] ImmutableArray<Located<string>> Clusters,
    [Doc("Where metrics come from.")] MetricInputs Input,
    [Doc("What is dropped before sending.")] MetricFilter? Filter,
    [Doc("Where metrics go.")] PipelineOutput Output,
    [Doc("This pipeline's own queue.")] BufferSettings? Buffer,
    [Doc("Scrape interval of pull inputs; the Project default when left out.")] Duration? ScrapeInterval,
    [Doc("Prometheus backend that scrapes this pipeline and ships it by remote write, when the output is an external remote-write endpoint; the cluster's first Prometheus by name when left out. Name it when a cluster runs several (one per persona, say), so none ships another's data."),
     Reference(SymbolKind.Backend)]
    Located<string>? ScrapedBy) : SpecNode;

[Doc("Metric sources. Each is off unless set.")]
public sealed record MetricInputs(
    [Doc("Pull from pods and services annotated prometheus.io/scrape, or selected by labels.")] PrometheusInput? Prometheus,
    [Doc("Accept pushed metrics on the well-known OTLP ports (4317 gRPC, 4318 HTTP).")] EnabledInput? Otlp,
    [Doc("Kubelet and cAdvisor metrics of pods and containers.")] EnabledInput? Runtime,
    [Doc("Node metrics from node-exporter on every node.")] EnabledInput? Node,
    [Doc("Cluster state from kube-state-metrics.")] EnabledInput? KubeState,
    [Doc("Istio and Envoy sidecar metrics.")] EnabledInput? Istio) : SpecNode;

[Doc("An input that is either on or off.")]
public sealed record EnabledInput(
    [Doc("Set false to switch the input off while keeping its settings."), Default(true)] bool Enabled) : SpecNode;

[Doc("Prometheus-style pull.")]
public sealed record PrometheusInput(
    [Doc("Scrape pods and services carrying prometheus.io/scrape, /port and /path annotations."), Default(true)] bool Annotations,
    [Doc("Namespaces scraped.")] NamespaceSelector? Namespaces,
    [Doc("Extra scrape targets selected by labels, like a ServiceMonitor.")] ImmutableArray<ScrapeSelector> Selectors) : SpecNode;

[Doc("A scrape job: services selected by labels (like a ServiceMonitor), or fixed host:port targets (an etcd outside the cluster), over http or https with TLS and credentials from Secrets.")]
[ExactlyOneOf("matchLabels", "targets")]
public sealed record ScrapeSelector(
    [Doc("Name of the scrape job."), Pattern(Names.DnsLabel, "nats")] string Name,
    [Doc("Namespaces searched; every namespace when left out.")] ImmutableArray<string> Namespaces,
    [Doc("Labels the service must carry.")] ImmutableSortedDictionary<string, string> MatchLabels,
    [Doc("Name of the service port; needed with matchLabels."), RequiredWith("matchLabels")] string? Port,
    [Doc("HTTP path of the metrics."), Default("/metrics")] string Path,
    [Doc("Scrape interval of this job.")] Duration? Interval,
    [Doc("Fixed targets as host:port, instead of services selected by labels, e.g. etcd members outside the cluster.")] ImmutableArray<Located<string>> Targets,
    [Doc("http, or https for targets that serve TLS (the API server, etcd)."), Default(ScrapeScheme.Http)] ScrapeScheme Scheme,
    [Doc("TLS towards the targets, with https.")] ScrapeTls? Tls,
    [Doc("Credentials sent to the targets.")] ScrapeAuth? Auth) : SpecNode;

public enum ScrapeScheme
{
    Http,
    Https,
}

[Doc("How Prometheus checks the targets' certificates and proves its own.")]
[AtMostOneOf("caSecretRef", "clusterCa")]
public sealed record ScrapeTls(
    [Doc("Secret key holding the CA bundle that signs the targets' certificates.")] SecretKeyRef? CaSecretRef,
    [Doc("Trust the cluster's own CA (the service account's ca.crt), as the API server and kubelet need."), Default(false)] bool ClusterCa,
    [Doc("Client certificate and key for mutual TLS, e.g. etcd's client certificate.")] ClientCertificateRef? ClientCertSecretRef,
    [Doc("Name the targets' certificates are checked against, when it is not the address scraped.")] string? ServerName,
    [Doc("Accept any certificate. Avoid: it makes the TLS pointless."), Default(false)] bool InsecureSkipVerify) : SpecNode;

[Doc("A bearer token sent to the targets: Prometheus's own service-account token, a token file already in its container, or one from a Secret.")]
[AtMostOneOf("serviceAccountToken", "bearerTokenFile", "bearerTokenSecretRef")]
public sealed record ScrapeAuth(
    [Doc("Send Prometheus's service-account token, as the API server expects."), Default(false)] bool ServiceAccountToken,
    [Doc("Path of a token file inside the Prometheus container.")] string? BearerTokenFile,
    [Doc("Secret key holding the token.")] SecretKeyRef? BearerTokenSecretRef) : SpecNode;

[Doc("What a metric pipeline drops.")]
public sealed record MetricFilter(
    [Doc("Namespaces whose metrics are kept or dropped.")] NamespaceSelector? Namespaces,
    [Doc("Workloads (pod owner names) whose metrics are dropped.")] ImmutableArray<string> DropWorkloads,
    [Doc("Regular expressions of metric names to drop, e.g. go_gc_.*.")] ImmutableArray<string> DropMetrics,
    [Doc("Label names to remove from every series.")] ImmutableArray<string> DropLabels) : SpecNode;
