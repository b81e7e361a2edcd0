using Telc.Diagnostics;

namespace Telc.Policies;

/// <summary>The policy half of validation: run the policies, apply the waivers, and report both in spec order.</summary>
public static class PolicyCheck
{
    public sealed record Result(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<WaivedFinding> Waived);

    /// <returns>Every diagnostic of the compilation and the policies, waived findings apart.</returns>
    /// <remarks>telc's own warnings are waivable like policy findings, by their code (e.g. TELC303) and target.</remarks>
    /// <param name="started">The policies, started on the sources the compilation checked (<see cref="PolicyRunner.Start"/>).</param>
    public static Result Run(Compilation compilation, PolicyFiles policies, PolicyRun started, DateOnly today)
    {
        var run = started.Finish(compilation);
        var warnings = compilation.Diagnostics.Select(d => (Diagnostic: d, Finding: WarningTargets.Finding(compilation.Model, d))).ToArray();
        var waivers = Waivers.Apply(compilation.Model, [.. run.Findings, .. warnings.Select(w => w.Finding).OfType<PolicyFindingDiagnostic>()], today);
        return new Result(
            warnings.Where(w => w.Finding is null).Select(w => w.Diagnostic)
                .Concat(policies.Problems).Concat(run.Problems).Concat(waivers.Kept).Concat(waivers.Problems).Ordered(),
            waivers.Waived);
    }
}
