using Telc.Tests.Support;

namespace Telc.Tests.Collectors;

/// <summary>
/// A pipeline's collectors ship to an in-cluster store by its Service in their own cluster, so a store not deployed
/// where the pipeline runs would take nothing: that is an error at the output, for every signal. An external backend
/// is reached from anywhere.
/// </summary>
public sealed class OutputPlacementTests
{
    private static string Spec(string tempoClusters) =>
        Specs.Cluster("eu-1", "prod") + Specs.Cluster("us-1", "prod")
        + Specs.Backend("spans", "tempo", "{}").Replace("spec: {", $"spec: {{ clusters: {tempoClusters},", StringComparison.Ordinal)
        + Specs.Backend("vendor", "external", "{ otlp: { endpoint: \"https://otlp.vendor.example:4317\" } }")
        + Specs.TracePipeline("spans")
        + Specs.Header + "kind: LogPipeline\nmetadata: { name: to-vendor }\nspec: { input: { containers: {} }, output: { backend: vendor } }\n";

    [Fact]
    public void A_store_not_deployed_where_the_pipeline_runs_is_an_error_at_the_output()
    {
        var error = Specs.Compile(Spec("[eu-1]")).Single("TELC500");

        Assert.Equal("TracePipeline/app-traces runs in cluster 'us-1' and ships to backend 'spans', which is not deployed there, so its data would go nowhere", error.Message);
        Assert.Equal((24, 49), (error.Start.Line, error.Start.Column));
        Assert.Contains("limit the pipeline's clusters", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_deployed_everywhere_the_pipeline_runs_and_an_external_backend_are_fine() =>
        Assert.Empty(Specs.Compile(Spec("[eu-1, us-1]")).Problems());
}
