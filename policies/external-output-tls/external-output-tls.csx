// Telemetry leaving the cluster for an external endpoint is encrypted and authenticated in production.
public sealed class ExternalOutputTls : Policy
{
    public override PolicyInfo Info { get; } = new(
        "external-output-tls",
        "External endpoints use verified TLS in production",
        "security",
        PolicyLevel.Error,
        "Telemetry carries hostnames, user ids and error messages. An external endpoint used from a cluster of an environment whose tier is in the option 'tiers' (as the Project declares it), or whose name is in the option 'environments', must be https (or gRPC with TLS), without tls.insecure or tls.insecureSkipVerify.",
        [
            new("tiers", "production", "Comma-separated tiers (production, staging, development) whose environments are held to this."),
            new("environments", "", "Comma-separated environment names held to this as well, whatever their tier."),
        ]);

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        var (tiers, named) = (context.OptionList("tiers"), context.OptionList("environments"));
        foreach (var (resource, backend) in context.Spec.OfKind<BackendSpec>())
        {
            if (backend.External is not { } external)
            {
                continue;
            }

            var environment = context.EnvironmentsOf(backend).FirstOrDefault(e => context.IsHeld(e, tiers, named));
            if (environment is null)
            {
                continue;
            }

            var (kind, urlKey, url, tls) = external.Otlp is { } otlp ? ("otlp", "endpoint", otlp.Endpoint, otlp.Tls)
                : external.PrometheusRemoteWrite is { } write ? ("prometheusRemoteWrite", "url", write.Url, write.Tls)
                : external.Elasticsearch is { } elastic ? ("elasticsearch", "url", elastic.Url, elastic.Tls)
                : external.Loki is { } loki ? ("loki", "url", loki.Url, loki.Tls)
                : ("splunkHec", "url", external.SplunkHec!.Url, external.SplunkHec.Tls);
            var (problem, at) = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? ($"sends to {url} without TLS", urlKey)
                : tls?.Insecure == true ? ("has tls.insecure set", "tls.insecure")
                : tls?.InsecureSkipVerify == true ? ("does not verify the server certificate (tls.insecureSkipVerify)", "tls.insecureSkipVerify")
                : ((string?)null, urlKey);
            if (problem is not null)
            {
                yield return context.FindingAt(resource, $"external.{kind}.{at}", $"Backend '{resource.Name}' used in {environment} {problem}",
                    "use an https endpoint and verify it; give tls.caSecretRef for a private CA");
            }
        }
    }
}
