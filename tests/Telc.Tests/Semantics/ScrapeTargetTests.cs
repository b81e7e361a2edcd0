using Telc.Tests.Support;

namespace Telc.Tests.Semantics;

/// <summary>A scrape job selects services or lists targets, one of the two, with what each needs.</summary>
public sealed class ScrapeTargetTests
{
    private static Compilation Compile(string selector, bool operatorMode = false) => Specs.Compile(
        Specs.Cluster("dev-1", "dev") + Specs.Backend("metrics", "prometheus", $"{{ operator: {(operatorMode ? "true" : "false")} }}") + Specs.Header + $$"""
        kind: MetricPipeline
        metadata: { name: infra }
        spec:
          input:
            prometheus:
              annotations: false
              selectors:
                - {{selector}}
          output: { backend: metrics }
        """);

    [Theory]
    [InlineData("{ name: etcd }", "TELC136", "none of matchLabels, targets is set; set exactly one")]
    [InlineData("{ name: etcd, matchLabels: { app: etcd }, port: m, targets: ['a:1'] }", "TELC136", "'matchLabels' and 'targets' are both set; set exactly one of: matchLabels, targets")]
    [InlineData("{ name: etcd, matchLabels: { app: etcd } }", "TELC132", "'spec.input.prometheus.selectors[0]' has no 'port'")]
    [InlineData("{ name: etcd, targets: ['etcd.example'] }", "TELC134", "'etcd.example' is not a host:port target")]
    [InlineData("{ name: etcd, targets: ['etcd.example:2379'], tls: { clusterCa: true } }", "TELC217", "scrape job 'etcd' sets tls but scrapes over http, so the TLS settings are not used")]
    [InlineData("{ name: etcd, targets: ['etcd.example:2379'], scheme: https, tls: { clusterCa: true, caSecretRef: { name: ca, key: ca.crt } } }", "TELC136", "'clusterCa' and 'caSecretRef' are both set; set at most one of: caSecretRef, clusterCa")]
    public void Mistakes_are_reported(string selector, string code, string? message)
    {
        var diagnostic = Assert.Single(Compile(selector).Diagnostics, d => d.Code == code);

        if (message is not null)
        {
            Assert.Equal(message, diagnostic.Message);
        }
    }

    [Fact]
    public void Https_targets_with_client_certificates_are_accepted()
    {
        var compilation = Compile("{ name: etcd, targets: ['10.0.0.5:2379'], scheme: https, tls: { caSecretRef: { name: etcd-ca, key: ca.crt }, clientCertSecretRef: { name: etcd-client } } }");

        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
    }

    [Fact]
    public void The_operator_takes_a_token_for_fixed_targets_only_from_a_secret()
    {
        var compilation = Compile("{ name: etcd, targets: ['10.0.0.5:2379'], scheme: https, auth: { serviceAccountToken: true } }", operatorMode: true);

        Assert.Contains("takes a token only from a Secret", compilation.Single("TELC500").Message);
    }
}
