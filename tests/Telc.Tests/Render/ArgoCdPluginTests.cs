using System.Diagnostics;
using Telc.Parsing;
using Telc.Tests.Support;
using Telc.Text;

namespace Telc.Tests.Render;

/// <summary>
/// The generate command of examples/argocd/plugin.yaml, run with /bin/sh as Argo CD's sidecar runs it, in a copy of a
/// project, with the built telc on the PATH: it prints manifests, or fails loudly and prints nothing.
/// </summary>
public sealed class ArgoCdPluginTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void The_plugin_is_a_sidecar_config_management_plugin_named_telc()
    {
        var root = (YamlMapping)PluginDocument().Root;

        Assert.Equal("argoproj.io/v1alpha1", Scalar(root, "apiVersion"));
        Assert.Equal("ConfigManagementPlugin", Scalar(root, "kind"));
        Assert.Equal("telc", Scalar(root.Find("metadata")!.Value, "name"));
        var spec = (YamlMapping)root.Find("spec")!.Value;
        Assert.NotNull(Scalar(spec, "version"));
        Assert.NotNull(spec.Find("discover"));
        Assert.Equal(["sh", "-c"], GenerateCommand()[..2]);
    }

    [Fact]
    public void A_good_spec_and_cluster_give_the_cluster_objects()
    {
        var project = Project("examples/quickstart");

        var result = Generate(project, cluster: "prod-eu-1");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(RenderStdoutTests.CommittedStream("examples/quickstart", "prod-eu-1"), result.Output);
    }

    [Fact]
    public void A_missing_cluster_parameter_fails_and_says_so()
    {
        var result = Generate(Project("examples/quickstart"), cluster: null);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("set TELC_CLUSTER in the Application's spec.source.plugin.env", result.Error);
    }

    [Fact]
    public void A_broken_spec_fails_with_its_diagnostics_on_stderr_and_nothing_on_stdout()
    {
        var result = Generate(Project("examples/invalid/dangling-references"), cluster: "prod-eu-1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("error TELC201: Cluster 'prod-eu1' is not declared", result.Error);
        Assert.Contains("telc plugin: telc render for cluster 'prod-eu-1' failed (exit 1)", result.Error);
    }

    [Fact]
    public void An_unknown_cluster_fails_naming_the_known_ones()
    {
        var result = Generate(Project("examples/quickstart"), cluster: "prod-eu-2");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("no cluster 'prod-eu-2' in the spec (did you mean 'prod-eu-1'?)", result.Error);
    }

    [Fact]
    public void Empty_output_from_telc_is_a_failure_not_an_empty_set_of_manifests()
    {
        var result = Generate(Project("examples/quickstart"), cluster: "prod-eu-1", telc: "#!/bin/sh\nexit 0\n");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("telc rendered no objects for cluster 'prod-eu-1'", result.Error);
    }

    [Fact]
    public void A_sidecar_without_telc_fails_and_says_so()
    {
        var result = Generate(Project("examples/quickstart"), cluster: "prod-eu-1", telc: null);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("telc is not on the PATH", result.Error);
    }

    public void Dispose() => folder.Dispose();

    /// <summary>A project folder as Argo CD hands it to the plugin: the example's telemetry/ and nothing rendered.</summary>
    private string Project(string example)
    {
        var project = Path.Combine(folder.Path, "project");
        RenderStdoutTests.CopyFolder(RepoPaths.Combine([.. example.Split('/'), "telemetry"]), Path.Combine(project, "telemetry"));
        return project;
    }

    /// <param name="telc">The script put on the PATH as telc; by default one running the telc the tests were built with.</param>
    private CliResult Generate(string project, string? cluster, string? telc = "")
    {
        var bin = Path.Combine(folder.Path, "bin");
        Directory.CreateDirectory(bin);
        if (telc is not null)
        {
            var script = telc.Length > 0 ? telc : $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "telc.dll")}' \"$@\"\n";
            var wrapper = Path.Combine(bin, "telc");
            File.WriteAllText(wrapper, script);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var command = GenerateCommand();
        var info = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command[1..])
        {
            info.ArgumentList.Add(argument);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        info.Environment["PATH"] = telc is null ? $"{bin}:/usr/bin:/bin" : $"{bin}:{path}";
        info.Environment.Remove("ARGOCD_ENV_TELC_CLUSTER");
        if (cluster is not null)
        {
            info.Environment["ARGOCD_ENV_TELC_CLUSTER"] = cluster;
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the generate command did not finish in 2 minutes");
        return new CliResult(process.ExitCode, output, error.Result);
    }

    /// <summary>spec.generate's command followed by its args, as Argo CD runs them.</summary>
    private static string[] GenerateCommand()
    {
        var generate = ((YamlMapping)((YamlMapping)PluginDocument().Root).Find("spec")!.Value).Find("generate")!.Value;
        string[] Strings(string key) => [.. (((YamlMapping)generate).Find(key)?.Value as YamlSequence)?.Items.Cast<YamlScalar>().Select(s => s.Value) ?? []];
        return [.. Strings("command"), .. Strings("args")];
    }

    private static YamlDocument PluginDocument()
    {
        var path = RepoPaths.Combine("examples", "argocd", "plugin.yaml");
        var parsed = YamlParser.Parse(new SourceFile(path, "plugin.yaml", File.ReadAllText(path)));
        Assert.Empty(parsed.Diagnostics);
        return Assert.Single(parsed.Documents);
    }

    private static string? Scalar(YamlNode node, string key) => (((YamlMapping)node).Find(key)?.Value as YamlScalar)?.Value;
}
