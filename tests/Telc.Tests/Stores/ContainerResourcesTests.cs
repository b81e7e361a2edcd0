using Telc.Emit.Kubernetes;
using Telc.Tests.Support;

namespace Telc.Tests.Stores;

/// <summary>
/// A store's container takes the requests and limits the spec writes, and telc's defaults for the rest; Kubernetes
/// refuses a container whose request exceeds its limit, so a default never contradicts what is written, and a
/// spec that writes such a pair itself is refused at the requests.
/// </summary>
public sealed class ContainerResourcesTests
{
    /// <summary>Tempo runs as a single-binary store with 250m and 512Mi requested and a 2Gi memory limit by default.</summary>
    private static ResourceRequirements Tempo(string resources)
    {
        var compilation = Specs.CompileWithoutErrors(Specs.Cluster("prod-1", "prod") + Specs.Backend("spans", "tempo", $"{{ resources: {resources} }}") + Specs.TracePipeline("spans"));
        return compilation.Objects.Select(o => o.Object).OfType<StatefulSet>().Single(s => s.Metadata.Name == "tempo-spans").Spec.Template.Spec.Containers.Single().Resources!;
    }

    private static string Text(ResourceRequirements resources) =>
        $"requests {string.Join(" ", resources.Requests.Select(r => $"{r.Key}={r.Value}"))}; limits {string.Join(" ", resources.Limits.Select(r => $"{r.Key}={r.Value}"))}";

    [Theory]
    [InlineData("{}", "requests cpu=250m memory=512Mi; limits memory=2Gi")]
    [InlineData("{ requests: { cpu: \"1\", memory: 1Gi }, limits: { cpu: \"2\", memory: 3Gi } }", "requests cpu=1 memory=1Gi; limits cpu=2 memory=3Gi")]
    [InlineData("{ requests: { memory: 8Gi } }", "requests cpu=250m memory=8Gi; limits memory=8Gi")]
    [InlineData("{ limits: { memory: 256Mi } }", "requests cpu=250m memory=256Mi; limits memory=256Mi")]
    [InlineData("{ limits: { cpu: 100m } }", "requests cpu=100m memory=512Mi; limits cpu=100m memory=2Gi")]
    [InlineData("{ limits: { cpu: \"0.5\" } }", "requests cpu=250m memory=512Mi; limits cpu=0.5 memory=2Gi")]
    public void Defaults_give_way_to_what_the_spec_writes(string resources, string expected) =>
        Assert.Equal(expected, Text(Tempo(resources)));

    [Theory]
    [InlineData("{ requests: { memory: 4Gi }, limits: { memory: 2Gi } }", "the memory request 4Gi exceeds the memory limit 2Gi, and Kubernetes refuses such a container")]
    [InlineData("{ requests: { cpu: 1500m }, limits: { cpu: \"1\" } }", "the CPU request 1500m exceeds the CPU limit 1, and Kubernetes refuses such a container")]
    public void A_request_above_its_limit_is_refused(string resources, string message)
    {
        var error = Specs.Compile(Specs.Cluster("prod-1", "prod") + Specs.Backend("spans", "tempo", $"{{ resources: {resources} }}") + Specs.TracePipeline("spans")).Single("TELC215");

        Assert.Equal(message, error.Message);
        Assert.Equal((9, 41), (error.Start.Line, error.Start.Column));
    }
}
