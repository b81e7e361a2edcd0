using System.Collections.Immutable;
using Telc.Diff;
using Telc.Diff.Formatting;

namespace Telc.Tests.Diff;

public sealed class MarkdownReportTests
{
    private static DiffReport Report(int clusters, int changesPerCluster, int fieldsPerObject)
    {
        var side = new DiffSide("base", null, null, "no spec");
        var diffs = Enumerable.Range(0, clusters).Select(c =>
        {
            var name = $"cluster-{c:D2}";
            var changes = Enumerable.Range(0, changesPerCluster)
                .Select(i => new TelemetryChange(name, ChangeArea.Alert, $"Alert{i}{(i % 2 == 0 ? string.Empty : name)}", ChangeKind.Removed, "removed: it will no longer fire", i % 3 == 0 ? Risk.High : Risk.Low))
                .ToImmutableArray();
            var fields = Enumerable.Range(0, fieldsPerObject)
                .Select(i => new FieldChange($"data[\"rules.yaml\"] › groups[name=g].rules[alert=A{i}].expr", ChangeKind.Changed, $"up{{cluster=\"{name}\"}} == 0", "up == 1"))
                .ToImmutableArray();
            var objects = ImmutableArray.Create(new ObjectDiff(new ObjectIdentity(name, "v1", "ConfigMap", "telemetry", "rules"), $"clusters/{name}/rules.yaml", ChangeKind.Changed, fields));
            return new ClusterDiff(name, "prod", changes, objects);
        }).ToImmutableArray();
        return new DiffReport(side, side, diffs);
    }

    private static string Write(DiffReport report, int budget = DiffMarkdownFormatter.DefaultBudget)
    {
        var output = new StringWriter();
        new DiffMarkdownFormatter(budget).Write(report, output);
        return output.ToString();
    }

    [Fact]
    public void A_huge_diff_is_cut_under_the_budget_with_a_note_summaries_first()
    {
        var markdown = Write(Report(clusters: 50, changesPerCluster: 400, fieldsPerObject: 300));

        Assert.True(markdown.Length <= DiffMarkdownFormatter.DefaultBudget, $"{markdown.Length} characters");
        Assert.Contains("> The report was cut to stay under 60,000 characters:", markdown);
        Assert.Contains("| cluster-49 (prod) |", markdown);
        Assert.Equal(CountOf(markdown, "<details"), CountOf(markdown, "</details>"));
        Assert.Equal(0, CountOf(markdown, "```") % 2);
    }

    [Fact]
    public void Changes_made_in_several_clusters_are_told_once()
    {
        var markdown = Write(Report(clusters: 3, changesPerCluster: 2, fieldsPerObject: 1));

        Assert.Contains("**In several clusters**", markdown);
        Assert.Contains("| **high** | alert `Alert0` | removed: it will no longer fire | all 3 changed clusters |", markdown);
        Assert.Equal(1, CountOf(markdown, "`Alert0`"));
        Assert.Contains("| low | alert `Alert1cluster-02` |", markdown);
    }

    [Fact]
    public void The_same_object_change_in_another_cluster_points_back_instead_of_repeating()
    {
        var report = Report(clusters: 2, changesPerCluster: 0, fieldsPerObject: 1);
        var same = report with
        {
            Clusters = [.. report.Clusters.Select(c => c with { Objects = [.. c.Objects.Select(o => o with { Fields = [new FieldChange("spec.replicas", ChangeKind.Changed, "1", "2")] })] })],
        };

        var markdown = Write(same);

        Assert.Equal(1, CountOf(markdown, "spec.replicas"));
        Assert.Contains("(the same change as in cluster-00)", markdown);
    }

    [Fact]
    public void Table_cells_and_code_blocks_cannot_be_broken_by_their_content()
    {
        var side = new DiffSide("base", null, null, "no spec");
        var change = new TelemetryChange("c", ChangeArea.Route, "route team=~\"a|b\"", ChangeKind.Removed, "was → <script>x</script> | y", Risk.High);
        var field = new FieldChange("data[\"x.yaml\"]", ChangeKind.Changed, "```\nclose", "````");
        var report = new DiffReport(side, side, [new ClusterDiff("c", null, [change], [new ObjectDiff(new ObjectIdentity("c", "v1", "ConfigMap", "n", "x"), "clusters/c/x.yaml", ChangeKind.Changed, [field])])]);

        var markdown = Write(report);

        Assert.Contains("`route team=~\"a\\|b\"`", markdown);
        Assert.Contains("was → &lt;script&gt;x&lt;/script&gt; \\| y", markdown);
        Assert.Contains("`````diff", markdown);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
