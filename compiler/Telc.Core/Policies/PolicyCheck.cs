using Telc.Diagnostics;

namespace Telc.Policies;

/// <summary>The policy half of validation: run the policies, apply the waivers, and report both in spec order.</summary>
public static class PolicyCheck
{
    public sealed record Result(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<WaivedFinding> Waived);

    /// <returns>Every diagnostic of the compilation and the policies, waived findings apart.</returns>
    public static Result Run(Compilation compilation, PolicyFiles policies, PolicyWorkerSettings settings, DateOnly today)
    {
        var run = PolicyRunner.Run(compilation, policies.Files, settings);
        var waivers = Waivers.Apply(compilation.Model, run.Findings, today);
        return new Result(
            compilation.Diagnostics.Concat(policies.Problems).Concat(run.Problems).Concat(waivers.Kept).Concat(waivers.Problems).Ordered(),
            waivers.Waived);
    }
}
