using System.Diagnostics;
using Telc.PromQL;
using Telc.Tests.Support;
using Xunit.Abstractions;

namespace Telc.Tests.PromQL;

/// <summary>
/// 100,000 mutants (by default: <see cref="FuzzRun"/>) of real expressions (truncated, tokens swapped or repeated, bytes replaced, deep nesting) each end
/// in a tree or in errors, never an exception, and none takes long (a generous bound that only a runaway would hit).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Fragments =
        ["(", ")", "[", "]", "{", "}", ",", "\"", "'", "`", "\\", "=~", "!~", "==", "by", "without", "on", "offset", "@", ":", "5m", "1h30m",
         "sum", "rate", "-", "+", "^", "bool", "group_left", "Inf", "NaN", "0x", "1e", "#", "\n", "\u00e9", "\u0000", "{{", "}}", "[5m:]"];

    [SkippableFact]
    public void Mutated_expressions_never_crash_or_hang()
    {
        var seeds = File.ReadAllLines(Corpus.File("promql", "expressions.txt")).Where(l => l.Length > 0).ToArray();
        var run = FuzzRun.Of(seed: 4242, cases: 100_000);
        var random = run.Random();
        var slowest = TimeSpan.Zero;
        var parsed = 0;
        for (var i = 0; i < run.Cases; i++)
        {
            var mutant = FuzzRun.Mutate(seeds[random.Next(seeds.Length)], random, Fragments);
            var watch = Stopwatch.StartNew();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var result = Parser.Parse(mutant);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            watch.Stop();
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            Assert.True(result.Root is not null || result.Errors.Count > 0, $"{run}: {mutant}");
            Assert.All(result.Errors, e => Assert.InRange(e.Span.End, 0, mutant.Length));

            // Work, not time, is bounded: a parse that backtracks or expands out of proportion allocates out of proportion.
            Assert.True(allocated < 1_000_000 + (mutant.Length * 10_000L), $"{run}: {allocated} bytes allocated on: {mutant}");
            parsed += result.Success ? 1 : 0;
        }

        output.WriteLine($"{run}: {parsed} still valid, the others rejected; slowest {slowest.TotalMilliseconds:0.0} ms");
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void Pathological_inputs_end_in_errors(int size)
    {
        string[] inputs =
        [
            new string('(', size) + "1" + new string(')', size),
            string.Concat(Enumerable.Repeat("-", size)) + "1",
            string.Concat(Enumerable.Repeat("a + ", size)) + "a",
            "x{" + string.Concat(Enumerable.Repeat("a=\"b\",", size)) + "}",
            "sum(" + new string('x', size) + ")",
            new string('[', size),
            "\"" + new string('\\', size),
            string.Concat(Enumerable.Repeat("x[5m:]", size)),
        ];

        foreach (var input in inputs)
        {
            var result = Parser.Parse(input);
            Assert.True(result.Root is not null || result.Errors.Count > 0);
        }
    }
}
