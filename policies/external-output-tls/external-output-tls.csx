// Telemetry leaving the cluster for an external endpoint is encrypted and authenticated in prod.
public sealed class ExternalOutputTls : Policy
{
    public override PolicyInfo Info { get; } = new(
        "external-output-tls",
        "External endpoints use verified TLS in prod",
        "security",
        PolicyLevel.Error,
        "Telemetry carries hostnames, user ids and error messages. An external endpoint used from a cluster of an environment in the option 'environments' must be https (or gRPC with TLS), without tls.insecure or tls.insecureSkipVerify.",
        [new("environments", "prod", "Comma-separated environments held to this.")]);

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        var strict = context.OptionList("environments");
        foreach (var (resource, backend) in context.Spec.OfKind<BackendSpec>())
        {
            if (backend.External is not { } external)
            {
                continue;
            }

            var environment = context.EnvironmentsOf(backend).FirstOrDefault(strict.Contains);
            if (environment is null)
            {
                continue;
            }

            var (url, tls) = external.Otlp is { } otlp ? (otlp.Endpoint, otlp.Tls)
                : external.PrometheusRemoteWrite is { } write ? (write.Url, write.Tls)
                : external.Elasticsearch is { } elastic ? (elastic.Url, elastic.Tls)
                : external.Loki is { } loki ? (loki.Url, loki.Tls)
                : (external.SplunkHec!.Url, external.SplunkHec.Tls);
            var problem = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? $"sends to {url} without TLS"
                : tls?.Insecure == true ? "has tls.insecure set"
                : tls?.InsecureSkipVerify == true ? "does not verify the server certificate (tls.insecureSkipVerify)"
                : null;
            if (problem is not null)
            {
                yield return context.Finding(resource, $"Backend '{resource.Name}' used in {environment} {problem}",
                    "use an https endpoint and verify it; give tls.caSecretRef for a private CA");
            }
        }
    }
}
