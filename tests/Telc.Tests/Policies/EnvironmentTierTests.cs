using Telc.Spec.Kinds;
using Telc.Tests.Support;

namespace Telc.Tests.Policies;

/// <summary>
/// Environments are names; the Project says what each one is. Environments called production/staging, or live with
/// an explicit tier, get the protection prod gets, and the policies' options are set per tier.
/// </summary>
public sealed class EnvironmentTierTests
{
    private static string Spec(string environments, string clusterEnvironment, string options = "") => Specs.Header + $$"""
        kind: Project
        metadata: { name: tiers }
        spec:
          environments: {{environments}}
        {{options}}
        ---
        apiVersion: telc.io/v1alpha1
        kind: Cluster
        metadata: { name: c1 }
        spec: { environment: {{clusterEnvironment}} }
        ---
        apiVersion: telc.io/v1alpha1
        kind: Backend
        metadata: { name: metrics }
        spec: { prometheus: { replicas: 1, retention: { time: 3d } } }
        """;

    private static CliResult Validate(string spec)
    {
        using var folder = new TempFolder();
        folder.Write("telemetry/spec.yaml", spec);
        return CliRunner.Run(folder.Path, "validate", ".");
    }

    [Theory]
    [InlineData("[development, staging, production]", "production")]
    [InlineData("[dev, { name: live, tier: production }]", "live")]
    [InlineData("[{ name: prod-eu, tier: production }]", "prod-eu")]
    public void A_production_tier_environment_is_held_to_high_availability_and_production_retention(string environments, string environment)
    {
        var result = Validate(Spec(environments, environment));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error prod-high-availability: Prometheus 'metrics' runs 1 replica in {environment}", result.Output);
        Assert.Contains($"error retention-within-limits: retention 3d of Backend 'metrics' in {environment} is below the minimum of 15d", result.Output);
    }

    [Fact]
    public void A_development_tier_environment_is_not()
    {
        var result = Validate(Spec("[{ name: sandbox-1, tier: development }]", "sandbox-1"));

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public void Tier_options_can_be_set()
    {
        var options = """
              policies:
                retention-within-limits: { options: { production.min: 2d } }
                prod-high-availability: { options: { tiers: "" } }
            """;

        var result = Validate(Spec("[production]", "production", options));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("TELC408", result.Output);
    }

    [Fact]
    public void A_name_that_does_not_say_its_tier_needs_one()
    {
        var compilation = Specs.Compile(Spec("[dev, live]", "live"));

        var diagnostic = compilation.Single("TELC218");
        Assert.Equal("environment 'live' has no tier, so no policy would know how strictly to hold it", diagnostic.Message);
        Assert.Equal("write it as { name: live, tier: production } (or staging, development)", diagnostic.Hint);
        Assert.Equal(5, diagnostic.Start.Line);
    }

    [Fact]
    public void A_cluster_plan_carries_its_tier()
    {
        var compilation = Specs.Compile(Spec("[{ name: live, tier: production }, qa]", "qa"));

        Assert.Equal(EnvironmentTier.Development, Assert.Single(compilation.Clusters).Tier);
        Assert.Equal(EnvironmentTier.Production, compilation.Model.TierOf("live"));
    }
}
