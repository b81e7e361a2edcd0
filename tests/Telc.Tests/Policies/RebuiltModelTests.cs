using Telc.Emit;
using Telc.Sources;
using Telc.Tests.Support;

namespace Telc.Tests.Policies;

/// <summary>
/// The policy worker runs the policies over a model rebuilt from the texts telc checked, without the checks: it must be
/// the model telc renders from, to the byte, or a policy would judge something other than what reaches the cluster.
/// </summary>
public sealed class RebuiltModelTests
{
    public static TheoryData<string> Cases() => RenderCases.Data();

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_rebuilt_model_renders_exactly_what_the_checked_compilation_renders(string name)
    {
        var checkedSpec = Compilation.Create(new WorkingTreeSource(RepoPaths.Combine(name, "telemetry"), RepoPaths.Root));
        Assert.False(checkedSpec.HasErrors);

        var rebuilt = Compilation.Rebuild(checkedSpec.Sources).Lowered();

        Assert.Empty(rebuilt.Diagnostics);
        Assert.Equal(checkedSpec.Model.Resources.Select(r => r.DisplayName), rebuilt.Model.Resources.Select(r => r.DisplayName));
        Assert.Equal(checkedSpec.Clusters.Select(c => c.Name), rebuilt.Clusters.Select(c => c.Name));
        Assert.Equal(Files(Renderer.Render(checkedSpec)), Files(Renderer.Render(rebuilt)));
    }

    [Fact]
    public void A_spec_telc_did_not_lower_has_no_plans_and_no_objects_in_the_worker()
    {
        var checkedSpec = Compilation.Create(new WorkingTreeSource(RepoPaths.Combine("examples", "quickstart", "telemetry"), RepoPaths.Root));

        var rebuilt = Compilation.Rebuild(checkedSpec.Sources);

        Assert.Equal(checkedSpec.Model.Resources.Length, rebuilt.Model.Resources.Length);
        Assert.Empty(rebuilt.Clusters);
        Assert.Empty(rebuilt.Objects);
    }

    private static IEnumerable<(string Path, string Text)> Files(RenderResult result) => result.Files.Select(f => (f.Path, f.Content));
}
