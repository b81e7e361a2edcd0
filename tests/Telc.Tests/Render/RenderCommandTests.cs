using System.Diagnostics;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

public sealed class RenderCommandTests
{
    [Fact]
    public void Check_exits_2_and_lists_stale_files()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "out");
        Assert.Equal(0, CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "-o", output).ExitCode);
        File.AppendAllText(Path.Combine(output, "clusters", "prod-eu-1", "namespace.yaml"), "# edited by hand\n");
        File.WriteAllText(Path.Combine(output, "clusters", "prod-eu-1", "leftover.yaml"), "{}\n");
        File.Delete(Path.Combine(output, "clusters", "prod-eu-1", "kustomization.yaml"));

        var result = CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "-o", output, "--check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("changed: clusters/prod-eu-1/namespace.yaml", result.Output);
        Assert.Contains("missing: clusters/prod-eu-1/kustomization.yaml", result.Output);
        Assert.Contains("not rendered any more: clusters/prod-eu-1/leftover.yaml", result.Output);
    }

    [Fact]
    public void Render_replaces_the_whole_tree()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "out");
        folder.Write("out/clusters/old-cluster/kustomization.yaml", "stale: true\n");
        folder.Write("out/.telc-rendered", "an earlier render\n");

        Assert.Equal(0, CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "-o", output).ExitCode);

        Assert.False(Directory.Exists(Path.Combine(output, "clusters", "old-cluster")));
        Assert.True(File.Exists(Path.Combine(output, "clusters", "prod-eu-1", "kustomization.yaml")));
        Assert.Empty(Directory.GetDirectories(folder.Path, ".out.telc-*"));
    }

    [Fact]
    public void Nothing_is_written_when_the_spec_has_errors()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "out");
        folder.Write("out/previous.yaml", "kept: true\n");

        var result = CliRunner.Run(RepoPaths.Root, "render", "examples/invalid/dangling-references", "-o", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing was written", result.Error);
        Assert.Equal(["previous.yaml"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Output_inside_the_spec_root_is_refused()
    {
        var inside = CliRunner.Run(RepoPaths.Root, "render", "examples/quickstart", "-o", "examples/quickstart/telemetry/out");

        Assert.Equal(3, inside.ExitCode);
        Assert.False(Directory.Exists(RepoPaths.Combine("examples", "quickstart", "telemetry", "out")));
        Assert.Contains("contains the spec, or is inside it", inside.Error);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("project")]
    [InlineData("other")]
    public void Folders_telc_did_not_render_are_never_replaced(string output)
    {
        using var folder = new TempFolder();
        CopySpec(RepoPaths.Combine("examples", "quickstart", "telemetry"), Path.Combine(folder.Path, "project", "telemetry"), reverse: false);
        folder.Write("project/notes.txt", "precious\n");
        folder.Write("other/data.txt", "precious\n");

        var result = CliRunner.Run(Path.Combine(folder.Path, "project"), "render", ".", "-o", Path.Combine("..", output == "." ? "project" : output == ".." ? "." : output));

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("telc: will not replace", result.Error);
        Assert.True(File.Exists(Path.Combine(folder.Path, "project", "notes.txt")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "other", "data.txt")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "project", "telemetry", "cluster.yaml")));
    }

    [Fact]
    public void Replicas_of_one_prometheus_are_told_apart_and_their_alerts_deduplicated()
    {
        using var folder = new TempFolder();
        var tree = RenderedTree.Render("examples/quickstart", Path.Combine(folder.Path, "out"));
        var (_, data) = tree.ConfigMaps("-config").First(c => c.Data.ContainsKey("prometheus.yml"));
        var statefulSet = File.ReadAllText(tree.Files("statefulset-prometheus-metrics.yaml").Single());

        Assert.Contains("prometheus_replica: \"${POD_NAME}\"", data["prometheus.yml"]);
        Assert.Contains("  alert_relabel_configs:\n    - regex: prometheus_replica\n      action: labeldrop", data["prometheus.yml"]);
        Assert.Contains("--enable-feature=expand-external-labels", statefulSet);
        Assert.Contains("fieldPath: metadata.name", statefulSet);
    }

    [Fact]
    public void Secret_values_never_appear_and_secrets_are_mounted_by_reference()
    {
        using var folder = new TempFolder();
        var tree = RenderedTree.Render("examples/quickstart", Path.Combine(folder.Path, "out"));
        var text = string.Join("\n", tree.Files("*.yaml").Select(File.ReadAllText));

        Assert.DoesNotContain("kind: Secret\n", text);
        Assert.Contains("api_key_file: /etc/alertmanager/secrets/opsgenie/apiKey", text);
        Assert.Contains("secretName: opsgenie", text);
        Assert.DoesNotContain("api_key:", text);
        Assert.DoesNotContain("auth_password:", text);
    }

    [Fact]
    public void Output_is_byte_identical_across_file_order_time_zone_and_locale()
    {
        using var folder = new TempFolder();
        var specA = Path.Combine(folder.Path, "a");
        var specB = Path.Combine(folder.Path, "b");
        CopySpec(RepoPaths.Combine("examples", "quickstart", "telemetry"), Path.Combine(specA, "telemetry"), reverse: false);
        CopySpec(RepoPaths.Combine("examples", "quickstart", "telemetry"), Path.Combine(specB, "telemetry"), reverse: true);

        RunTelc(specA, Path.Combine(folder.Path, "out-a"), ("TZ", "UTC"), ("LANG", "C.UTF-8"));
        RunTelc(specB, Path.Combine(folder.Path, "out-b"), ("TZ", "Pacific/Chatham"), ("LANG", "tr_TR.UTF-8"), ("LC_ALL", "tr_TR.UTF-8"), ("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "0"));

        var a = Snapshot(Path.Combine(folder.Path, "out-a"));
        var b = Snapshot(Path.Combine(folder.Path, "out-b"));
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (path, bytes) in a)
        {
            Assert.True(bytes.SequenceEqual(b[path]), path);
            Assert.False(bytes.Contains((byte)'\r'), path);
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB, path);
        }
    }

    /// <summary>Copies the spec, creating files in reverse order for one copy so directory order differs.</summary>
    private static void CopySpec(string from, string to, bool reverse)
    {
        var files = Directory.GetFiles(from, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (reverse)
        {
            files.Reverse();
        }

        foreach (var file in files)
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void RunTelc(string project, string output, params (string Name, string Value)[] environment)
    {
        var telc = Path.Combine(AppContext.BaseDirectory, "telc.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = project };
        foreach (var argument in new[] { telc, "render", project, "-o", output })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, text);
    }

    private static SortedDictionary<string, byte[]> Snapshot(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes), StringComparer.Ordinal);
}
