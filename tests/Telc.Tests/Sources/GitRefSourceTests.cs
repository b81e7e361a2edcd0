using Telc.Sources;
using Telc.Tests.Support;

namespace Telc.Tests.Sources;

public sealed class GitRefSourceTests
{
    [Fact]
    public void Reads_the_spec_at_a_ref_whatever_the_working_tree_holds()
    {
        using var repo = new TempFolder();
        GitRepo.Git(repo.Path, "init", "-q", "-b", "main");
        repo.Write("project/telemetry/cluster.yaml", ClusterYaml("prod"));
        repo.Write("project/telemetry/teams/a/notes.json", "{}");
        repo.Write("project/README.md", "not spec");
        GitRepo.Git(repo.Path, "add", "-A");
        GitRepo.Git(repo.Path, "commit", "-q", "-m", "base");
        repo.Write("project/telemetry/cluster.yaml", "broken: [\n");
        repo.Write("project/telemetry/new.yaml", "also: [broken\n");

        var set = new GitRefSource(Path.Combine(repo.Path, "project"), "HEAD", repo.Path).Read();

        Assert.Equal(["cluster.yaml", "teams/a/notes.json"], set.Files.Select(f => f.SpecPath));
        var file = set.Files[0];
        Assert.Equal("project/telemetry/cluster.yaml", file.Path);
        Assert.Equal(ClusterYaml("prod"), file.Text);
        Assert.Contains("teams/a/notes.json", set.AllPaths);
        Assert.False(Compilation.Create(new GitRefSource(Path.Combine(repo.Path, "project"), "HEAD", repo.Path)).HasErrors);
    }

    [Fact]
    public void Symlinks_out_of_the_root_at_a_ref_are_refused()
    {
        using var repo = new TempFolder();
        GitRepo.Git(repo.Path, "init", "-q", "-b", "main");
        repo.Write("secret.yaml", "token: x\n");
        repo.Write("telemetry/cluster.yaml", ClusterYaml("dev"));
        File.CreateSymbolicLink(Path.Combine(repo.Path, "telemetry", "leak.yaml"), "../secret.yaml");
        GitRepo.Git(repo.Path, "add", "-A");
        GitRepo.Git(repo.Path, "commit", "-q", "-m", "base");

        var set = new GitRefSource(repo.Path, "HEAD", repo.Path).Read();

        Assert.Equal("TELC104", Assert.Single(set.Diagnostics).Code);
        Assert.Equal(["cluster.yaml"], set.Files.Select(f => f.SpecPath));
    }

    [Fact]
    public void An_unknown_ref_is_a_usage_problem()
    {
        using var repo = new TempFolder();
        GitRepo.Git(repo.Path, "init", "-q", "-b", "main");
        repo.Write("telemetry/cluster.yaml", ClusterYaml("dev"));
        GitRepo.Git(repo.Path, "add", "-A");
        GitRepo.Git(repo.Path, "commit", "-q", "-m", "base");

        var error = Assert.Throws<SpecSourceException>(() => new GitRefSource(repo.Path, "no-such-branch", repo.Path).Read());
        Assert.Contains("no-such-branch", error.Message);
    }

    [Fact]
    public void Outside_a_repository_is_a_usage_problem()
    {
        using var folder = new TempFolder();

        Assert.Throws<SpecSourceException>(() => new GitRefSource(folder.Path, "HEAD", folder.Path).Read());
    }

    public static string ClusterYaml(string environment) =>
        $"apiVersion: telc.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: c1\nspec:\n  environment: {environment}\n";
}
