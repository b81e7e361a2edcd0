using BenchmarkDotNet.Attributes;
using Telc.PromQL;

namespace Telc.Bench;

/// <summary>PromQL parse and check throughput over the real-world corpus (../shared/corpus).</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private string[] expressions = [];

    [GlobalSetup]
    public void Load()
    {
        var corpus = Path.Combine(FindRepository(), "..", "shared", "corpus");
        expressions = File.ReadAllLines(Path.Combine(corpus, "promql", "expressions.txt"))
            .Concat(File.ReadAllLines(Path.Combine(corpus, "promql-testdata", "promqltest-queries.tsv")).Skip(1).Select(l => l.Split('\t')[4]))
            .Where(e => e.Length > 0)
            .ToArray();
    }

    /// <summary>Parses and type-checks every corpus expression once (2,773 expressions).</summary>
    [Benchmark]
    public int ParseCorpus()
    {
        var valid = 0;
        foreach (var expression in expressions)
        {
            valid += Parser.Parse(expression).Success ? 1 : 0;
        }

        return valid;
    }

    [Benchmark]
    public string FormatCorpus()
    {
        var last = string.Empty;
        foreach (var expression in expressions)
        {
            if (Parser.Parse(expression).Root is { } root)
            {
                last = Formatter.Format(root);
            }
        }

        return last;
    }

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
