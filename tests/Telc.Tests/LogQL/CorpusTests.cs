using Telc.LogQL;
using Telc.Semantics;
using Telc.Tests.Support;
using Xunit.Abstractions;

namespace Telc.Tests.LogQL;

/// <summary>
/// Real-world LogQL from ../shared/corpus/logql (Grafana's grammar tests, Loki ruler rules, dashboards): every query
/// the corpus holds as valid parses, every invalid one is refused. Dashboard queries are read as Grafana sends them,
/// after its variables ($__auto, $job, a variable as a label name) are understood.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    /// <summary>
    /// Grammar test cases that are well-formed but that Loki itself refuses when it validates a query (parser.go
    /// validateExpr and the regexp parser): the grammar tests check syntax only. telc reports them as Loki would.
    /// </summary>
    private static readonly Dictionary<string, string> RefusedByLoki = new(StringComparer.Ordinal)
    {
        ["{name !~ `mysql-\\d+`}"] = "stream selector",
        ["{label=\"\"} | drop name"] = "stream selector",
        ["{label=\"\"} | drop name, other_name, some_name=\"some_value\""] = "stream selector",
        ["{label=\"\"} | keep name"] = "stream selector",
        ["{label=\"\"} | keep name, other_name, some_name=\"some_value\""] = "stream selector",
        ["rate(({label=\"\"}) [1s] offset 1h | unwrap label)"] = "stream selector",
        ["{job=\"loki\"} | regexp \"regexp\""] = "named capture",
    };

    [SkippableFact]
    public void Every_corpus_query_gets_the_verdict_the_corpus_gives_it()
    {
        var rows = CorpusQueries.Read();
        var results = rows.Select(r => (Row: r, Result: Parser.Parse(r.Query))).ToArray();
        var wrong = results.Where(p => (p.Result.Root is not null) != p.Row.Valid).ToArray();
        foreach (var group in rows.GroupBy(r => r.Source.Split('/')[0]))
        {
            output.WriteLine($"{group.Key}: {group.Count(r => r.Valid)} valid, {group.Count(r => !r.Valid)} invalid");
        }

        output.WriteLine($"{rows.Count - wrong.Length} of {rows.Count} grammar verdicts agree; {rows.Count(r => r.Text != r.Query)} dashboard queries had Grafana variables");
        Assert.True(rows.Count >= 215, $"only {rows.Count} corpus queries");
        Assert.True(wrong.Length == 0, Describe(wrong));

        var refused = results.Where(p => p.Row.Valid && !p.Result.Success).ToArray();
        output.WriteLine($"{refused.Length} well-formed queries Loki refuses: {string.Join(", ", refused.Select(r => r.Row.Query))}");
        Assert.True(refused.All(r => RefusedByLoki.TryGetValue(r.Row.Query, out var reason) && r.Result.Errors.Single().Message.Contains(reason)), Describe(refused));
        Assert.Equal(RefusedByLoki.Count, refused.Length);
    }

    [SkippableFact]
    public void Grafanas_grammar_gives_every_corpus_query_the_same_verdict_as_telc()
    {
        var rows = CorpusQueries.Read();
        var verdicts = Support.ExternalTools.LogQLGrammarVerdicts(rows.Select(r => r.Query));
        var disagreements = rows.Zip(verdicts).Where(p => (Parser.Parse(p.First.Query).Root is not null) != (p.Second is null))
            .Select(p => $"{p.First.Source}: {p.First.Query}: grammar says {(p.Second is null ? "ok" : $"error at {p.Second}")}").ToArray();
        output.WriteLine($"{rows.Count - disagreements.Length} of {rows.Count} queries get the same verdict from @grafana/lezer-logql and telc");
        Assert.True(disagreements.Length == 0, string.Join("\n", disagreements));
    }

    private static string Describe(IEnumerable<(CorpusQuery Row, ParseResult Result)> results) => string.Join("\n", results.Select(w =>
        $"{w.Row.Source} ({(w.Row.Valid ? "valid" : "invalid")}): {w.Row.Query}\n  {string.Join("; ", w.Result.Errors.Select(e => $"{e.Message} at {e.Span.Start}"))}"));
}

/// <summary>One query of the corpus: as written, as the data source reads it, and whether it is valid.</summary>
public sealed record CorpusQuery(string Source, bool Valid, string Text, string Query)
{
    public bool FromDashboard => Source.EndsWith(".json", StringComparison.Ordinal);
}

public static class CorpusQueries
{
    public static IReadOnlyList<CorpusQuery> Read() =>
        [.. File.ReadAllLines(Corpus.File("logql", "queries.tsv")).Skip(1).Select(l => l.Split('\t', 3)).Select(f =>
            new CorpusQuery(f[0], f[1] == "valid", f[2], f[0].EndsWith(".json", StringComparison.Ordinal) ? GrafanaVariables.Substitute(f[2]) : f[2]))];
}
