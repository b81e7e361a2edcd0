using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>render, render --check and render --stdout refuse exactly what validate refuses, policy errors included.</summary>
public sealed class RenderRunsPoliciesTests
{
    // One Prometheus replica in prod: an error of the built-in prod-high-availability policy, nothing else.
    private static readonly string Spec = Specs.Cluster("prod-1", "prod") + Specs.Backend("metrics", "prometheus", "{ replicas: 1, retention: { time: 30d } }");

    private const string Waiver = Specs.Header + """
        kind: Waiver
        metadata: { name: single-prometheus }
        spec:
          policy: prod-high-availability
          target: Backend/metrics
          owner: platform@example.com
          reason: a second replica comes with the next node pool
          ticket: OPS-1
          expires: 2099-12-31
        """;

    private static TempFolder Project(bool waived)
    {
        var folder = new TempFolder();
        folder.Write("telemetry/spec.yaml", Spec);
        if (waived)
        {
            folder.Write("telemetry/waiver.yaml", Waiver);
        }

        return folder;
    }

    [Fact]
    public void Validate_refuses_the_spec_on_the_policy_error()
    {
        using var folder = Project(waived: false);

        var result = CliRunner.Run(folder.Path, "validate", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error prod-high-availability: Prometheus 'metrics' runs 1 replica in prod", result.Output);
    }

    [Fact]
    public void Render_writes_nothing_on_a_policy_error()
    {
        using var folder = Project(waived: false);

        var result = CliRunner.Run(folder.Path, "render", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error prod-high-availability: Prometheus 'metrics' runs 1 replica in prod", result.Output);
        Assert.Contains("nothing was written", result.Error);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "rendered")));
    }

    [Fact]
    public void Render_check_fails_on_a_policy_error_even_when_the_tree_is_current()
    {
        using var folder = Project(waived: true);
        Assert.Equal(0, CliRunner.Run(folder.Path, "render", ".").ExitCode);
        File.Delete(Path.Combine(folder.Path, "telemetry", "waiver.yaml"));

        var result = CliRunner.Run(folder.Path, "render", ".", "--check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error prod-high-availability", result.Output);
    }

    [Fact]
    public void Render_stdout_prints_nothing_on_a_policy_error()
    {
        using var folder = Project(waived: false);

        var result = CliRunner.Run(folder.Path, "render", ".", "--stdout");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("error prod-high-availability", result.Error);
        Assert.Contains("nothing was printed", result.Error);
    }

    [Fact]
    public void A_waived_finding_renders_and_is_listed()
    {
        using var folder = Project(waived: true);

        var result = CliRunner.Run(folder.Path, "render", ".");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("waived\n", result.Output);
        Assert.Contains("prod-high-availability Backend/metrics", result.Output);
        Assert.True(File.Exists(Path.Combine(folder.Path, "rendered", "clusters", "prod-1", "kustomization.yaml")));
    }
}
