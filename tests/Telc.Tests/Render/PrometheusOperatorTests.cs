using System.Text.Json.Nodes;
using NJsonSchema;
using Telc.Parsing;
using Telc.Tests.Support;
using Telc.Text;

namespace Telc.Tests.Render;

/// <summary>The Prometheus Operator target: custom resources instead of a plain Prometheus, checked by the real tools.</summary>
public sealed class PrometheusOperatorTests
{
    private const string Case = "tests/cases/render/operator";

    [SkippableFact]
    public void Operator_tree_builds_with_kubectl_kustomize_and_its_rules_pass_promtool()
    {
        ExternalTools.Require("kubectl");
        ExternalTools.Require("promtool");
        using var folder = new TempFolder();
        var tree = RenderedTree.Render(Case, Path.Combine(folder.Path, "out"));

        var (kustomizeExit, built) = ExternalTools.Run("kubectl", "kustomize", Path.Combine(tree.Root, "clusters", "ops"));
        Assert.True(kustomizeExit == 0, built);
        Assert.Contains("kind: Prometheus\n", built);
        Assert.DoesNotContain("prometheus.yml", built);

        // A PrometheusRule's spec is a rule file; JSON is YAML, so promtool reads it as written.
        var rules = tree.Files("prometheusrule-*.yaml")
            .Select(file => folder.Write(Path.GetFileName(file), YamlJson.ToJson(((YamlMapping)Parse(file)).Find("spec")!.Value)))
            .ToArray();
        Assert.NotEmpty(rules);
        var (exitCode, output) = ExternalTools.Run("promtool", ["check", "rules", .. rules]);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Monitors_keep_the_job_names_alerts_are_written_against()
    {
        using var folder = new TempFolder();
        var tree = RenderedTree.Render(Case, Path.Combine(folder.Path, "out"));

        var monitor = File.ReadAllText(tree.Files("servicemonitor-prometheus-metrics-cluster-postgres.yaml").Single());

        Assert.Contains("targetLabel: job\n          replacement: cluster/postgres", monitor);
        Assert.Contains("telc.io/prometheus: prometheus-metrics", monitor);
    }

    [Fact]
    public void A_remote_write_pipelines_queue_size_is_the_queue_capacity()
    {
        using var folder = new TempFolder();
        var tree = RenderedTree.Render(Case, Path.Combine(folder.Path, "out"));

        var prometheus = File.ReadAllText(tree.Files("prometheus-prometheus-metrics.yaml").Single());

        Assert.Contains("queueConfig:\n        capacity: 2000\n", prometheus);
    }

    [SkippableFact]
    public async Task PrometheusRules_validate_against_the_operators_crd_schema()
    {
        var crd = Corpus.File("k8s", "kube-prometheus", "manifests", "setup", "0prometheusruleCustomResourceDefinition.yaml");
        var version = ((YamlSequence)((YamlMapping)((YamlMapping)Parse(crd)).Find("spec")!.Value).Find("versions")!.Value).Items[0];
        var openApi = ((YamlMapping)((YamlMapping)version).Find("schema")!.Value).Find("openAPIV3Schema")!.Value;
        var schema = await JsonSchema.FromJsonAsync(YamlJson.ToJson(openApi));
        using var folder = new TempFolder();
        var tree = RenderedTree.Render(Case, Path.Combine(folder.Path, "out"));

        foreach (var file in tree.Files("prometheusrule-*.yaml"))
        {
            var errors = schema.Validate(YamlJson.ToJson(Parse(file)));
            Assert.True(errors.Count == 0, $"{file}: {string.Join("; ", errors)}");
        }
    }

    private static YamlNode Parse(string file) => YamlParser.Parse(new SourceFile(file, file, File.ReadAllText(file))).Documents.Single().Root;
}
