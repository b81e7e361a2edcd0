using System.Text;
using Telc.Sources;
using Telc.Tests.Support;

namespace Telc.Tests.Sources;

public sealed class WorkingTreeSourceTests
{
    [Fact]
    public void Reads_yaml_yml_and_json_files_sorted_and_skips_hidden_folders_and_other_files()
    {
        using var folder = new TempFolder();
        folder.Write("b.yaml", "x: 1\n");
        folder.Write("a/c.yml", "x: 1\n");
        folder.Write(".git/config.yaml", "x: 1\n");
        folder.Write("dashboards/board.json", "{}");
        folder.Write("notes.md", "not spec");

        var set = new WorkingTreeSource(folder.Path, folder.Path).Read();

        Assert.Equal(["a/c.yml", "b.yaml", "dashboards/board.json"], set.Files.Select(f => f.SpecPath));
        Assert.Contains("dashboards/board.json", set.AllPaths);
        Assert.Empty(set.Diagnostics);
    }

    [Fact]
    public void Missing_root_is_a_usage_problem()
    {
        Assert.Throws<SpecSourceException>(() => new WorkingTreeSource("/nonexistent/telc", "/").Read());
    }

    [Fact]
    public void A_symlink_out_of_the_spec_root_is_refused()
    {
        using var outside = new TempFolder();
        using var folder = new TempFolder();
        var secret = outside.Write("secret.yaml", "password: hunter2\n");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "leak.yaml"), secret);
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "linked"), outside.Path);

        var set = new WorkingTreeSource(folder.Path, folder.Path).Read();

        Assert.Empty(set.Files);
        Assert.Equal(["TELC104", "TELC104"], set.Diagnostics.Select(d => d.Code).Order());
    }

    [Fact]
    public void A_symlink_inside_the_root_is_read()
    {
        using var folder = new TempFolder();
        var real = folder.Write("real/spec.yaml", "x: 1\n");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "alias.yaml"), real);

        var set = new WorkingTreeSource(folder.Path, folder.Path).Read();

        Assert.Equal(["alias.yaml", "real/spec.yaml"], set.Files.Select(f => f.SpecPath));
    }

    [Fact]
    public void A_dangling_symlink_is_a_diagnostic()
    {
        using var folder = new TempFolder();
        File.CreateSymbolicLink(Path.Combine(folder.Path, "gone.yaml"), Path.Combine(folder.Path, "nothing.yaml"));

        var set = new WorkingTreeSource(folder.Path, folder.Path).Read();

        Assert.Equal("TELC101", Assert.Single(set.Diagnostics).Code);
    }

    [Fact]
    public void A_50_MB_file_is_refused_without_reading_it()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "huge.yaml");
        using (var stream = File.Create(path))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        var before = GC.GetTotalAllocatedBytes();
        var set = new WorkingTreeSource(folder.Path, folder.Path).Read();

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal("TELC102", diagnostic.Code);
        Assert.Contains("50.0 MiB", diagnostic.Message);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 10_000_000);
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_its_line()
    {
        using var folder = new TempFolder();
        folder.WriteBytes("latin1.yaml", [.. Encoding.ASCII.GetBytes("a: 1\nname: caf"), 0xE9, (byte)'\n']);

        var set = new WorkingTreeSource(folder.Path, folder.Path).Read();

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal("TELC103", diagnostic.Code);
        Assert.Equal("2:10", diagnostic.Start.ToString());
        Assert.Empty(set.Files);
    }

    [Fact]
    public void Binary_files_are_diagnosed_not_thrown()
    {
        using var folder = new TempFolder();
        folder.WriteBytes("image.yaml", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0xFF]);

        var compilation = Compilation.Create(new WorkingTreeSource(folder.Path, folder.Path));

        Assert.Contains(compilation.Diagnostics, d => d.Code == "TELC103");
    }

    [Fact]
    public void Utf8_bom_and_utf16_files_are_decoded()
    {
        using var folder = new TempFolder();
        folder.WriteBytes("bom.yaml", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("a: 1\n")]);
        folder.WriteBytes("utf16.yaml", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("a: 1\n")]);

        var set = new WorkingTreeSource(folder.Path, folder.Path).Read();

        Assert.All(set.Files, f => Assert.Equal("a: 1\n", f.Text));
        Assert.Empty(set.Diagnostics);
    }
}
