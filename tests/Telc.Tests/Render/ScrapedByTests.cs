using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>Which Prometheus scrapes and ships a remote-write pipeline is the one the pipeline names (else the first by name).</summary>
public sealed class ScrapedByTests
{
    private static string Spec(string scrapedBy) => Specs.Cluster("dev-1", "dev") + Specs.Backend("apps", "prometheus") + Specs.Backend("ops", "prometheus")
        + Specs.Backend("central", "external", "{ prometheusRemoteWrite: { url: \"https://metrics.example/api/v1/write\" } }") + Specs.Header + $$"""
        kind: MetricPipeline
        metadata: { name: ops-metrics }
        spec:
          input: { node: {} }
          output: { backend: central }
          {{scrapedBy}}
        """;

    private static string[] Shippers(string scrapedBy)
    {
        var compilation = Specs.Compile(Spec(scrapedBy));
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return [.. compilation.Clusters.Single().Metrics.Prometheuses.Where(p => !p.RemoteWrites.IsEmpty).Select(p => p.Backend.Name)];
    }

    [Fact]
    public void Without_scraped_by_the_first_prometheus_by_name_ships() => Assert.Equal(["apps"], Shippers(""));

    [Fact]
    public void Scraped_by_chooses_the_prometheus_that_scrapes_and_ships() => Assert.Equal(["ops"], Shippers("scrapedBy: ops"));

    [Fact]
    public void Scraped_by_must_name_a_prometheus()
    {
        var compilation = Specs.Compile(Spec("scrapedBy: central"));

        Assert.Contains("cannot scrape and ship a pipeline", compilation.Single("TELC208").Message);
    }

    [Fact]
    public void Scraped_by_has_no_effect_for_a_prometheus_output()
    {
        var compilation = Specs.Compile(Spec("scrapedBy: ops").Replace("output: { backend: central }", "output: { backend: apps }", StringComparison.Ordinal));

        Assert.StartsWith("scrapedBy has no effect", compilation.Single("TELC217").Message);
    }
}
