using System.Text.RegularExpressions;
using Telc.Tests.Support;

namespace Telc.Tests.Render;

/// <summary>
/// Every rendered example is checked by the tools that consume it, at the versions telc deploys: promtool, amtool and
/// kubectl kustomize. Only the paths of files mounted into the pods are moved into a scratch folder.
/// </summary>
public sealed partial class RealToolsTests
{
    public static TheoryData<string> Examples() => RenderCases.Data();

    public static TheoryData<string> WithPrometheusConfig() => RenderCases.Rendering("prometheus.yml");

    public static TheoryData<string> WithAlertmanagerConfig() => RenderCases.Rendering("alertmanager.yml");

    [SkippableTheory]
    [MemberData(nameof(WithPrometheusConfig))]
    public void Prometheus_configs_pass_promtool_check_config(string example)
    {
        ExternalTools.Require("promtool");
        using var folder = new TempFolder();
        var tree = RenderedTree.Render(example, Path.Combine(folder.Path, "out"));
        var configs = tree.ConfigMaps("-config").Where(c => c.Data.ContainsKey("prometheus.yml")).ToArray();
        Assert.NotEmpty(configs);
        foreach (var (file, data) in configs)
        {
            var layout = Path.Combine(folder.Path, "check", Path.GetFileNameWithoutExtension(file));
            Directory.CreateDirectory(Path.Combine(layout, "rules"));
            File.WriteAllText(Path.Combine(layout, "prometheus.yml"), MountedAt(layout, data["prometheus.yml"]));
            foreach (var (rules, ruleData) in tree.ConfigMaps("-rules").Where(r => Path.GetFileName(r.File) == Path.GetFileName(file).Replace("-config", "-rules")))
            {
                foreach (var (name, text) in ruleData)
                {
                    File.WriteAllText(Path.Combine(layout, "rules", name), text);
                }
            }

            var (exitCode, output) = ExternalTools.Run("promtool", "check", "config", Path.Combine(layout, "prometheus.yml"));
            Assert.True(exitCode == 0, $"{file}:\n{output}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(WithPrometheusConfig))]
    public void Rule_files_pass_promtool_check_rules(string example)
    {
        ExternalTools.Require("promtool");
        using var folder = new TempFolder();
        var tree = RenderedTree.Render(example, Path.Combine(folder.Path, "out"));
        // A Loki's rule files are LogQL (checked by telc's LogQL parser); the rest of them is checked here as for Prometheus.
        var files = tree.ConfigMaps("-rules").SelectMany(c => c.Data.Select(r => (File: $"{c.File}/{r.Key}", Text: c.File.Contains("/loki-", StringComparison.Ordinal) ? LokiRuleFiles.WithPromQLExpressions(r.Value) : r.Value)))
            .Select((r, i) => folder.Write(Path.Combine("rules", $"{i}-{Path.GetFileName(r.File)}"), r.Text)).ToArray();
        Assert.NotEmpty(files);

        var (exitCode, output) = ExternalTools.Run("promtool", ["check", "rules", .. files]);

        Assert.True(exitCode == 0, output);
    }

    [SkippableTheory]
    [MemberData(nameof(WithAlertmanagerConfig))]
    public void Alertmanager_configs_pass_amtool_check_config(string example)
    {
        ExternalTools.Require("amtool");
        using var folder = new TempFolder();
        var tree = RenderedTree.Render(example, Path.Combine(folder.Path, "out"));
        var configs = tree.ConfigMaps("-config").Where(c => c.Data.ContainsKey("alertmanager.yml")).ToArray();
        Assert.NotEmpty(configs);
        foreach (var (file, data) in configs)
        {
            var path = folder.Write(Path.GetFileNameWithoutExtension(file) + "/alertmanager.yml", data["alertmanager.yml"]);
            var (exitCode, output) = ExternalTools.Run("amtool", "check-config", path);
            Assert.True(exitCode == 0, $"{file}:\n{output}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Examples))]
    public void Every_cluster_folder_builds_with_kubectl_kustomize(string example)
    {
        ExternalTools.Require("kubectl");
        using var folder = new TempFolder();
        var tree = RenderedTree.Render(example, Path.Combine(folder.Path, "out"));
        foreach (var cluster in tree.ClusterFolders)
        {
            var (exitCode, output) = ExternalTools.Run("kubectl", "kustomize", cluster);
            Assert.True(exitCode == 0, $"{cluster}:\n{output}");
            Assert.Contains("kind: StatefulSet", output);
        }
    }

    /// <summary>
    /// Points the files Kubernetes mounts into the pod (the service account token and CA, the Secrets) into the
    /// layout folder and creates them there, as promtool checks that they exist.
    /// </summary>
    public static string MountedAt(string layout, string config)
    {
        var mounted = config
            .Replace("/var/run/secrets/kubernetes.io/serviceaccount/", layout + "/serviceaccount/")
            .Replace("/etc/prometheus/secrets/", layout + "/secrets/")
            .Replace("/etc/alertmanager/secrets/", layout + "/secrets/");
        foreach (Match file in MountedFile().Matches(mounted))
        {
            var path = file.Groups["path"].Value.Trim('"');
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "mounted-secret\n");
        }

        return mounted;
    }

    [GeneratedRegex(@"_file: (?<path>""?/[^\n""]+""?)")]
    private static partial Regex MountedFile();

    /// <summary>Replaces each kubernetes_sd_configs block with a static target, for a server that runs outside a cluster.</summary>
    public static string WithoutKubernetesDiscovery(string config) =>
        KubernetesDiscovery().Replace(config, m => $"{m.Groups["indent"].Value}static_configs:\n{m.Groups["indent"].Value}  - targets:\n{m.Groups["indent"].Value}      - \"127.0.0.1:9100\"\n");

    [GeneratedRegex(@"^(?<indent> *)kubernetes_sd_configs:\n(?:\k<indent> .*\n)+", RegexOptions.Multiline)]
    private static partial Regex KubernetesDiscovery();
}
