using System.Text.Json;
using Telc.Tests.Support;

namespace Telc.Tests.Policies;

/// <summary>
/// Each built-in policy under policies/&lt;id&gt;/ is run over its fixtures: the spec in pass/ must give it nothing to
/// report, the one in fail/ exactly the findings fail/expected.txt lists ("line:column message", one a line).
/// </summary>
public sealed class BuiltInPolicyTests
{
    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var policy in Directory.GetDirectories(RepoPaths.Combine("policies")).Order(StringComparer.Ordinal))
        {
            foreach (var kind in new[] { "pass", "fail" }.Where(k => Directory.Exists(Path.Combine(policy, k))))
            {
                data.Add(Path.GetFileName(policy), kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_gives_the_expected_findings(string policy, string kind)
    {
        var folder = RepoPaths.Combine("policies", policy, kind);
        var result = CliRunner.Run(RepoPaths.Root, "validate", folder, "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var findings = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("code").GetString() == policy)
            .Select(d => $"{d.GetProperty("line").GetInt32()}:{d.GetProperty("column").GetInt32()} {d.GetProperty("message").GetString()}")
            .ToArray();
        var engineProblems = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("code").GetString()!.StartsWith("TELC4", StringComparison.Ordinal))
            .Select(d => d.GetProperty("message").GetString()).ToArray();
        var expected = kind == "pass" ? [] : File.ReadAllLines(Path.Combine(folder, "expected.txt")).Where(l => l.Length > 0).ToArray();

        Assert.Empty(engineProblems);
        Assert.Equal(expected, findings);
    }

    [Fact]
    public void Every_built_in_policy_has_a_failing_fixture_unless_telc_cannot_render_what_it_forbids()
    {
        // image-pinned and resources-set guard the rendered output, which telc itself keeps pinned and bounded;
        // no spec can make it fail, so they have passing fixtures only.
        var renderGuards = new[] { "image-pinned", "resources-set" };
        foreach (var policy in Directory.GetDirectories(RepoPaths.Combine("policies")).Select(Path.GetFileName))
        {
            Assert.True(File.Exists(RepoPaths.Combine("policies", policy!, $"{policy}.csx")), $"policies/{policy} has no {policy}.csx");
            Assert.True(Directory.Exists(RepoPaths.Combine("policies", policy!, "pass")), $"policies/{policy} has no pass/ fixture");
            Assert.True(renderGuards.Contains(policy) || Directory.Exists(RepoPaths.Combine("policies", policy!, "fail")), $"policies/{policy} has no fail/ fixture");
        }
    }
}
