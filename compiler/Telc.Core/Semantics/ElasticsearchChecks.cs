using Telc.Diagnostics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>
/// The Secrets an Elasticsearch backend needs for what it runs, each named in the spec rather than given a rendered
/// default: Kibana's kibana_system password, the writer's password when log pipelines ship to it or a Zipkin stores its
/// spans there, and the transport
/// certificates nodes need to form a cluster of more than one once security is on.
/// </summary>
public static class ElasticsearchChecks
{
    public static void Check(SpecModel model, Resource resource, ElasticsearchBackend elasticsearch, List<Diagnostic> diagnostics)
    {
        void Missing(string message, string hint) => diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.MissingProperty, elasticsearch.Location, message, hint));

        if (elasticsearch.Kibana && elasticsearch.KibanaPasswordSecretRef is null)
        {
            Missing($"{resource.DisplayName} runs Kibana, which logs in as the built-in kibana_system user; that user's password must come from a Secret",
                "add kibanaPasswordSecretRef: { name: search-credentials, key: kibana_system } naming a Secret in the cluster's namespace "
                + "(e.g. kubectl create secret generic search-credentials --from-literal=kibana_system=$(openssl rand -base64 24) …), or set kibana: false");
        }

        string[] writers =
        [
            .. model.OfKind<LogPipelineSpec>().Where(p => p.Spec.Output.Backend.Value == resource.Name).Select(p => p.Resource.DisplayName),
            .. model.OfKind<BackendSpec>().Where(b => b.Spec.Zipkin?.Elasticsearch?.Value == resource.Name).Select(b => b.Resource.DisplayName),
        ];
        if (writers.Length > 0 && elasticsearch.WriterPasswordSecretRef is null)
        {
            Missing($"{string.Join(", ", writers.Order(StringComparer.Ordinal))} {(writers.Length > 1 ? "write" : "writes")} to {resource.DisplayName}; the users the collectors and Zipkin write as need a password from a Secret",
                "add writerPasswordSecretRef: { name: search-credentials, key: writer } naming a Secret in the cluster's namespace; the setup Job creates the users telc-logs-writer and telc-zipkin with it");
        }

        if (elasticsearch.Replicas > 1 && elasticsearch.TransportTlsSecretRef is null)
        {
            Missing($"{resource.DisplayName} asks for {elasticsearch.Replicas} Elasticsearch nodes; with security on, nodes form a cluster only over transport TLS",
                "add transportTlsSecretRef: { name: search-transport } naming a Secret with ca.crt, tls.crt and tls.key, e.g. from bin/elasticsearch-certutil ca --pem and "
                + "bin/elasticsearch-certutil cert --pem --ca-cert ca/ca.crt --ca-key ca/ca.key (README: Elasticsearch and Kibana), or set replicas: 1");
        }
    }
}
