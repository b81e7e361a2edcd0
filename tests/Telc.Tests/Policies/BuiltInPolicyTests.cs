using Telc.Tests.Support;

namespace Telc.Tests.Policies;

/// <summary>The built-in pack under policies/: every policy passes its fixtures, and has fixtures and docs.</summary>
public sealed class BuiltInPolicyTests
{
    // image-pinned and resources-set guard the rendered output, which telc itself keeps pinned and bounded:
    // no spec can make them fail, so they have passing fixtures only.
    private static readonly string[] RenderGuards = ["image-pinned", "resources-set"];

    private static IEnumerable<string> Policies =>
        Directory.GetDirectories(RepoPaths.Combine("policies")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [Fact]
    public void Every_built_in_policy_passes_its_fixtures()
    {
        var result = CliRunner.Run(RepoPaths.Root, "policy", "test", "policies");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.EndsWith($"{Policies.Count()} policies tested: {Policies.Count()} passed, 0 failed\n", result.Output);
    }

    [Fact]
    public void Every_built_in_policy_has_its_file_fixtures_and_docs_and_the_pack_has_nothing_else()
    {
        var embedded = typeof(Compilation).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("policies/", StringComparison.Ordinal) && n.EndsWith(".csx", StringComparison.Ordinal))
            .Select(n => n.Split('/')[1]).Order(StringComparer.Ordinal);
        Assert.Equal(embedded, Policies);
        Assert.NotEmpty(Policies);
        foreach (var policy in Policies)
        {
            var folder = RepoPaths.Combine("policies", policy);
            Assert.True(File.Exists(Path.Combine(folder, $"{policy}.csx")), $"policies/{policy} has no {policy}.csx");
            Assert.True(Directory.Exists(Path.Combine(folder, "pass")), $"policies/{policy} has no pass/ fixture");
            Assert.True(RenderGuards.Contains(policy) || File.Exists(Path.Combine(folder, "fail", "expected.txt")), $"policies/{policy} has no fail/ fixture");
            var docs = Path.Combine(folder, "README.md");
            Assert.True(File.Exists(docs) && File.ReadAllText(docs).StartsWith($"# {policy}\n", StringComparison.Ordinal), $"policies/{policy}/README.md is missing or not about it");
            Assert.Contains($"new(\n        \"{policy}\",", File.ReadAllText(Path.Combine(folder, $"{policy}.csx")));
        }

        Assert.All(Directory.GetFiles(RepoPaths.Combine("policies"), "*.csx", SearchOption.AllDirectories),
            file => Assert.Equal(Path.GetFileName(Path.GetDirectoryName(file)) + ".csx", Path.GetFileName(file)));
    }

    [Fact]
    public void Declared_options_are_documented_and_in_the_schema_and_nothing_else_is()
    {
        var described = BuiltInPolicies.Describe();
        Assert.Equal(Policies, described.Select(p => p.Id).Order(StringComparer.Ordinal));

        var schema = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("schemas", "v1alpha1", "project.schema.json")))!;
        var inSchema = schema["definitions"]!["ProjectSpec"]!["properties"]!["policies"]!["properties"]!.AsObject();
        Assert.Equal(described.Select(p => p.Id).Order(StringComparer.Ordinal), inSchema.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var policy in described)
        {
            var declared = policy.Options.Select(o => $"| `{o.Name}` | {(o.Default.Length == 0 ? "(none)" : $"`{o.Default}`")} |").Order(StringComparer.Ordinal).ToArray();
            var documented = File.ReadAllLines(RepoPaths.Combine("policies", policy.Id, "README.md"))
                .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
                .Select(l => string.Join('|', l.Split('|')[..3]) + "|")
                .Order(StringComparer.Ordinal).ToArray();
            Assert.True(declared.SequenceEqual(documented), $"policies/{policy.Id}/README.md documents [{string.Join(", ", documented)}], the policy declares [{string.Join(", ", declared)}]");
            var schemaOptions = inSchema[policy.Id]!["properties"]!["options"]!["properties"]!.AsObject();
            Assert.Equal(policy.Options.Select(o => o.Name).Order(StringComparer.Ordinal), schemaOptions.Select(o => o.Key).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_fixture_whose_findings_differ_fails_with_what_is_missing_and_unexpected()
    {
        using var folder = new TempFolder();
        folder.Write("alert-has-runbook/alert-has-runbook.csx", File.ReadAllText(RepoPaths.Combine("policies", "alert-has-runbook", "alert-has-runbook.csx")));
        folder.Write("alert-has-runbook/fail/telemetry/spec.yaml", File.ReadAllText(RepoPaths.Combine("policies", "alert-has-runbook", "fail", "telemetry", "spec.yaml")));
        folder.Write("alert-has-runbook/fail/expected.txt", "11:14 alert 'ApiDown' has no runbook\n99:1 something that is not found\n");
        folder.Write("untested/untested.csx", File.ReadAllText(RepoPaths.Combine("policies", "image-pinned", "image-pinned.csx")).Replace("\"image-pinned\"", "\"untested\"").Replace("class ImagePinned", "class Untested"));

        File.CreateSymbolicLink(Path.Combine(folder.Path, "linked.csx"), RepoPaths.Combine("policies", "image-pinned", "image-pinned.csx"));

        var result = CliRunner.Run(folder.Path, "policy", "test", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("linked.csx: TELC402 'linked.csx' is a symbolic link; links in the policy folder are not followed\n", result.Output);
        Assert.Contains("alert-has-runbook  FAIL  fail\n", result.Output);
        Assert.Contains("fail: missing 99:1 something that is not found\n", result.Output);
        Assert.Contains("fail: unexpected 14:14 alert 'ApiSlow' has no runbook\n", result.Output);
        Assert.Contains("untested           FAIL  no fixtures\n", result.Output);
        Assert.EndsWith("2 policies tested: 0 passed, 2 failed\n", result.Output);
    }

    [Fact]
    public void Fixtures_behind_symbolic_links_are_refused_and_never_read()
    {
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        var secret = outside.Write("secret.txt", "11:14 planted-secret-line\n");
        outside.Write("spec/telemetry/spec.yaml", File.ReadAllText(RepoPaths.Combine("policies", "alert-has-runbook", "fail", "telemetry", "spec.yaml")));
        folder.Write("alert-has-runbook/alert-has-runbook.csx", File.ReadAllText(RepoPaths.Combine("policies", "alert-has-runbook", "alert-has-runbook.csx")));
        folder.Write("alert-has-runbook/fail/telemetry/spec.yaml", File.ReadAllText(RepoPaths.Combine("policies", "alert-has-runbook", "fail", "telemetry", "spec.yaml")));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "alert-has-runbook", "fail", "expected.txt"), secret);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "alert-has-runbook", "pass"), Path.Combine(outside.Path, "spec"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "linked-policy"));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "linked-policy", "linked-policy.csx"), RepoPaths.Combine("policies", "image-pinned", "image-pinned.csx"));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "image-pinned"), RepoPaths.Combine("policies", "image-pinned"));

        var result = CliRunner.Run(folder.Path, "policy", "test", ".");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("fail/expected.txt is a symbolic link; links in the policy folder are not followed", result.Output);
        Assert.Contains("pass is a symbolic link; links in the policy folder are not followed", result.Output);
        Assert.DoesNotContain("planted-secret-line", result.Output + result.Error);
        Assert.DoesNotContain("image-pinned  ", result.Output);
        Assert.EndsWith("1 policy tested: 0 passed, 1 failed\n", result.Output);
    }

    [Fact]
    public void A_long_crafted_value_does_not_run_a_built_in_policy_out_of_time()
    {
        using var project = new TempFolder();
        foreach (var file in Directory.GetFiles(RepoPaths.Combine("examples", "quickstart", "telemetry"), "*", SearchOption.AllDirectories))
        {
            project.Write(Path.GetRelativePath(RepoPaths.Combine("examples", "quickstart"), file), File.ReadAllText(file));
        }

        // Quadratic for a backtracking engine: every "eyJ" starts a token that runs to the end of the text and has no dot.
        var team = Path.Combine(project.Path, "telemetry", "teams", "payments", "team.yaml");
        File.WriteAllText(team, File.ReadAllText(team).Replace("metadata:\n", $"metadata:\n  description: \"{string.Concat(Enumerable.Repeat("eyJ-", 1_000_000))}\"\n"));

        var result = CliRunner.Run(project.Path, "validate", ".");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain("RegexMatchTimeoutException", result.Output);
    }

    [Fact]
    public void A_missing_policy_folder_is_a_usage_error()
    {
        Assert.Equal(3, CliRunner.Run(RepoPaths.Root, "policy", "test", "no/such/folder").ExitCode);
    }
}
