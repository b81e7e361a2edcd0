using Telc.LogQL;
using Telc.Semantics;
using Telc.Tests.Support;
using Xunit.Abstractions;

namespace Telc.Tests.LogQL;

/// <summary>
/// Mutants of the corpus's real LogQL queries (<see cref="FuzzRun"/>: truncated, fragments inserted, characters
/// replaced, slices repeated, deep nesting), read raw and as Grafana sends them, each end in a tree or in errors
/// within the query, never an exception.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Fragments =
        ["(", ")", "[", "]", "{", "}", ",", "\"", "'", "`", "\\", "=~", "!~", "|=", "|~", "|>", "!>", "|", "| json", "| logfmt --strict", "| unwrap",
         "by", "without", "or", "and", "offset", "5m", "10KB", "-5s", "--", "#", "//", "/*", "\n", "$__auto", "${x:regex}", "[[y]]", "<_>", "(?P<a>",
         "\u00e9", "\u0000", "sum", "rate", "count_over_time", "quantile_over_time(0.9,", "vector(", "label_replace(", "ip(", "bool", "on(", "group_left"];

    [SkippableFact]
    public void Mutated_queries_never_crash()
    {
        var seeds = CorpusQueries.Read().Select(q => q.Text).Distinct().ToArray();
        var run = FuzzRun.Of(seed: 1313, cases: 50_000);
        var random = run.Random();
        var parsed = 0;
        for (var i = 0; i < run.Cases; i++)
        {
            var mutant = FuzzRun.Mutate(seeds[random.Next(seeds.Length)], random, Fragments);
            foreach (var text in new[] { mutant, GrafanaVariables.Substitute(mutant) })
            {
                Assert.Equal(mutant.Length, text.Length);
                var result = Parser.Parse(text);
                Assert.True(result.Root is not null || result.Errors.Count > 0, $"{run}: {text}");
                Assert.All(result.Errors, e => Assert.InRange(e.Span.End, 0, text.Length));
                parsed += result.Success ? 1 : 0;
            }
        }

        output.WriteLine($"{run}: {parsed} of {2 * run.Cases} readings still valid, the others rejected");
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void Pathological_inputs_end_in_errors(int size)
    {
        string[] inputs =
        [
            new string('(', size) + "vector(1)" + new string(')', size),
            "{a=\"b\"}" + string.Concat(Enumerable.Repeat(" |= \"x\"", size)),
            "{a=\"b\"} | " + string.Concat(Enumerable.Repeat("(", size)) + "x=\"y\"",
            string.Concat(Enumerable.Repeat("vector(1) + ", size)) + "vector(1)",
            "{" + string.Concat(Enumerable.Repeat("a=\"b\",", size)) + "}",
            new string('[', size),
            "\"" + new string('\\', size),
            "{a=\"b\"} |~ \"" + string.Concat(Enumerable.Repeat("(", size)) + "\"",
        ];

        foreach (var input in inputs)
        {
            var result = Parser.Parse(input);
            Assert.True(result.Root is not null || result.Errors.Count > 0);
        }
    }
}
