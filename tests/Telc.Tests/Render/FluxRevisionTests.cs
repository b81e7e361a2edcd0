using Telc.Emit;
using Telc.Emit.GitOps;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>Flux's GitRepository follows a branch, tag, semver range or commit as the Project says, not always ref.branch.</summary>
public sealed class FluxRevisionTests
{
    private static string Spec(string gitOps) => Specs.Header + $$"""
        kind: Project
        metadata: { name: flux }
        spec:
          gitOps: { flavour: flux, repoUrl: "https://git.example/telemetry.git", {{gitOps}} }
        ---
        apiVersion: telc.io/v1alpha1
        kind: Cluster
        metadata: { name: dev-1 }
        spec: { environment: dev }
        """;

    private static GitRepositoryRef Ref(string gitOps)
    {
        var compilation = Specs.Compile(Spec(gitOps));
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        var rendered = Renderer.Render(compilation);
        var file = rendered.Files.Single(f => f.Path == "flux/gitrepository.yaml");
        var fields = file.Content.Split('\n').Select(l => l.Trim()).ToArray();
        return new GitRepositoryRef(
            Value(fields, "branch:"), Value(fields, "tag:"), Value(fields, "semver:"), Value(fields, "commit:"));

        static string? Value(string[] lines, string key) =>
            lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line ? line[key.Length..].Trim().Trim('"') : null;
    }

    [Fact]
    public void A_branch_is_ref_branch() => Assert.Equal(new GitRepositoryRef(Branch: "main"), Ref("revision: main"));

    [Fact]
    public void A_full_sha_is_ref_commit() =>
        Assert.Equal(new GitRepositoryRef(Commit: "0123456789abcdef0123456789abcdef01234567"), Ref("revision: 0123456789abcdef0123456789abcdef01234567"));

    [Fact]
    public void A_tag_is_ref_tag() => Assert.Equal(new GitRepositoryRef(Tag: "v1.4.0"), Ref("revision: v1.4.0, revisionKind: tag"));

    [Fact]
    public void A_semver_range_is_ref_semver() => Assert.Equal(new GitRepositoryRef(Semver: ">=1.2.0 <2.0.0"), Ref("revision: \">=1.2.0 <2.0.0\", revisionKind: semver"));

    [Fact]
    public void A_commit_that_is_not_a_full_sha_is_refused()
    {
        var compilation = Specs.Compile(Spec("revision: abc1234, revisionKind: commit"));

        Assert.Contains("is not a full commit id", compilation.Single("TELC215").Message);
    }
}
