using System.Text.RegularExpressions;
using Telc.PromQL;
using Telc.Tests.Support;
using Xunit.Abstractions;

namespace Telc.Tests.PromQL;

/// <summary>
/// Real-world PromQL from ../shared/corpus: every expression the corpus holds as valid must parse, and every one it
/// marks as invalid in a way a parser can know must be rejected. The counts are printed with the test output.
/// </summary>
public sealed partial class CorpusTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Rule_file_expressions_parse_except_the_metricsql_ones()
    {
        var expressions = File.ReadAllLines(Corpus.File("promql", "expressions.txt")).Where(l => l.Length > 0).ToArray();
        var invalid = File.ReadAllLines(Corpus.File("promql", "expressions-parse-failures.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(f => f[1].Contains("unknown function")).Select(f => f[2]).ToHashSet(StringComparer.Ordinal);

        var accepted = 0;
        var rejected = 0;
        foreach (var expression in expressions)
        {
            var result = Parser.Parse(expression);
            if (invalid.Contains(expression))
            {
                Assert.False(result.Success, $"MetricsQL accepted: {expression}");
                rejected++;
            }
            else
            {
                Assert.True(result.Success, $"{expression}\n  {string.Join("; ", result.Errors)}");
                accepted++;
            }
        }

        output.WriteLine($"expressions.txt: {accepted} valid expressions parse, {rejected} MetricsQL expressions rejected, of {expressions.Length}");
        Assert.Equal(expressions.Length, accepted + rejected);
        Assert.True(rejected >= 14);
    }

    [SkippableFact]
    public void Prometheus_test_queries_parse()
    {
        var rows = File.ReadAllLines(Corpus.File("promql-testdata", "promqltest-queries.tsv")).Skip(1).Select(l => l.Split('\t')).ToArray();

        // "expect fail" queries fail when evaluated (duplicate series, bad label values, invalid regexes in label_replace);
        // they are valid syntax, so they are parsed but not judged here.
        var valid = rows.Where(r => !r[3].Contains("fail")).ToArray();
        var failures = valid.Select(r => (Row: r, Result: Parser.Parse(r[4]))).Where(p => !p.Result.Success).ToArray();

        output.WriteLine($"promqltest: {valid.Length - failures.Length} of {valid.Length} valid queries parse ({rows.Length - valid.Length} expect-fail queries not judged)");
        Assert.True(failures.Length == 0, string.Join("\n", failures.Take(20).Select(f => $"{f.Row[0]}:{f.Row[1]} {f.Row[4]}\n  {string.Join("; ", f.Result.Errors)}")));
    }

    [SkippableFact]
    public void Lezer_grammar_cases_agree_on_validity()
    {
        var text = File.ReadAllText(Corpus.File("promql-testdata", "prometheus", "web", "ui", "module", "lezer-promql", "test", "expression.txt")).ReplaceLineEndings("\n");
        var cases = LezerCases(text);

        // The grammar accepts a negative range, which Prometheus refuses when it checks the query.
        string[] refusedByPrometheus = ["foo[-2^2]"];
        Assert.All(refusedByPrometheus, q => Assert.False(Parser.Parse(q).Success));
        var disagreements = cases.Where(c => !refusedByPrometheus.Contains(c.Query) && Parser.Parse(c.Query).Success == c.Tree.Contains('⚠')).ToArray();

        output.WriteLine($"lezer: {cases.Length - disagreements.Length} of {cases.Length} cases agree ({cases.Count(c => c.Tree.Contains('⚠'))} expect an error)");
        Assert.True(cases.Length >= 70);
        Assert.True(disagreements.Length == 0, string.Join("\n", disagreements.Select(d => d.Query)));
    }

    [SkippableFact]
    public void Compliance_queries_parse_and_statically_invalid_ones_are_rejected()
    {
        var text = File.ReadAllText(Corpus.File("promql-testdata", "compliance", "promql", "promql-test-queries.yml"));
        var entries = ComplianceQuery().Matches(text)
            .Select(m => (Query: Substitute(Unquote(m.Groups["query"].Value)), ShouldFail: m.Groups["fail"].Success))
            .ToArray();

        // These fail only on data: duplicate output series or label sets, which a parser cannot see.
        string[] runtimeOnly = ["label_replace(demo_num_cpus, \"instance\", \"\", \"\", \"\")"];
        var wrong = entries.Where(e => e.ShouldFail ? !runtimeOnly.Contains(e.Query) && Parser.Parse(e.Query).Success : !Parser.Parse(e.Query).Success).ToArray();

        output.WriteLine($"compliance: {entries.Length - wrong.Length} of {entries.Length} queries judged right ({entries.Count(e => e.ShouldFail)} should fail, {runtimeOnly.Length} of them only at run time)");
        Assert.True(entries.Length >= 100);
        Assert.True(wrong.Length == 0, string.Join("\n", wrong.Select(w => (w.ShouldFail ? "accepted: " : "rejected: ") + w.Query)));
    }

    [SkippableFact]
    public void Tree_sitter_cases_parse()
    {
        var folder = Path.GetDirectoryName(Corpus.File("promql-testdata", "tree-sitter-promql", "test", "corpus", "binary.txt"))!;
        var queries = Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(f => TreeSitterCase().Matches(File.ReadAllText(f).ReplaceLineEndings("\n")).Select(m => m.Groups["query"].Value.Trim()))
            .ToArray();

        // The tree-sitter grammar accepts {}, which Prometheus refuses: a selector must match something.
        string[] refusedByPrometheus = ["{}"];
        Assert.All(refusedByPrometheus, q => Assert.False(Parser.Parse(q).Success));
        var failures = queries.Except(refusedByPrometheus).Select(q => (Query: q, Result: Parser.Parse(q))).Where(p => !p.Result.Success).ToArray();

        output.WriteLine($"tree-sitter: {queries.Length - failures.Length} of {queries.Length} cases parse ({refusedByPrometheus.Length} that Prometheus refuses are rejected)");
        Assert.True(queries.Length >= 40);
        Assert.True(failures.Length == 0, string.Join("\n", failures.Select(f => $"{f.Query}\n  {string.Join("; ", f.Result.Errors)}")));
    }

    /// <summary>The Lezer test format: "# title", the query, "==>", the expected tree (⚠ marks an error node).</summary>
    private static (string Query, string Tree)[] LezerCases(string text)
    {
        var cases = new List<(string, string)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            var query = new List<string>();
            for (i++; i < lines.Length && lines[i] != "==>"; i++)
            {
                query.Add(lines[i]);
            }

            var tree = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("# ", StringComparison.Ordinal); i++)
            {
                tree.Add(lines[i]);
            }

            i--;
            cases.Add((string.Join('\n', query).Trim(), string.Join('\n', tree)));
        }

        return [.. cases];
    }

    private static string Substitute(string query) => query
        .Replace("{{.arithBinOp}}", "+").Replace("{{.binOp}}", "+").Replace("{{.clampFunc}}", "clamp_min").Replace("{{.compBinOp}}", "==")
        .Replace("{{.dateFunc}}", "day_of_month").Replace("{{.extrapolatedRateFunc}}", "rate").Replace("{{.instantRateFunc}}", "irate")
        .Replace("{{.offset}}", "1m").Replace("{{.quantile}}", "0.5").Replace("{{.range}}", "5m").Replace("{{.simpleAggrOp}}", "sum")
        .Replace("{{.simpleMathFunc}}", "abs").Replace("{{.simpleTimeAggrOp}}", "avg").Replace("{{.topBottomOp}}", "topk");

    private static string Unquote(string value) =>
        value.StartsWith('\'') ? value[1..^1].Replace("''", "'")
        : value.StartsWith('"') ? Regex.Unescape(value[1..^1])
        : value;

    [GeneratedRegex(@"^  - query: (?<query>'(?:[^']|'')*'|""(?:[^""\\]|\\.)*"")\n(?:(?:    #[^\n]*\n)*(?<fail>    should_fail: true\n))?", RegexOptions.Multiline)]
    private static partial Regex ComplianceQuery();

    [GeneratedRegex(@"^={10,}\n[^\n]*\n={10,}\n\n(?<query>.*?)\n-{10,}\n", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex TreeSitterCase();
}
