using Telc.Diagnostics;
using Telc.Text;

namespace Telc.Emit;

/// <summary>One thing a consumer (the collector, Fluent Bit, Loki, Tempo, Jaeger) would refuse in a rendered config, at its dotted path.</summary>
public sealed record ConfigProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";

    /// <summary>
    /// Each problem as a TELC503 error at the spec location it came from: a rendered config the consumer refuses is
    /// a telc bug, so nothing is written.
    /// </summary>
    /// <param name="what">What would refuse what, e.g. "the rendered Loki config of cluster 'prod' would be refused by Loki".</param>
    public static void Report(IEnumerable<ConfigProblem> problems, Func<ConfigProblem, SourceLocation> at, string what, ICollection<Diagnostic> diagnostics)
    {
        foreach (var problem in problems)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.RenderedConfigRefused, at(problem), $"{what}: {problem}",
                "this is a telc bug; please report it with the spec that caused it"));
        }
    }

    /// <summary>The problems of a store's own config (Loki, Tempo, Jaeger), each at the store's Backend document.</summary>
    /// <param name="store">The consumer, as users name it: Loki, Tempo, Jaeger.</param>
    public static void ReportForStore(IEnumerable<ConfigProblem> problems, string store, Spec.Resource backend, string cluster, ICollection<Diagnostic> diagnostics) =>
        Report(problems, _ => backend.Location, $"the rendered config of {store} '{backend.Name}' in cluster '{cluster}' would be refused by {store}", diagnostics);
}
