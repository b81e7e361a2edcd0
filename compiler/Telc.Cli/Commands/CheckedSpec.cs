using Telc.Diagnostics;
using Telc.Diagnostics.Formatting;
using Telc.Policies;

namespace Telc.Cli.Commands;

/// <summary>
/// The spec compiled and its policies run, waivers applied: what validate reports, and what render refuses on, so the
/// two can never disagree about whether a spec is acceptable.
/// </summary>
public sealed record CheckedSpec(Compilation Compilation, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<WaivedFinding> Waived)
{
    public bool HasErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);

    /// <param name="trustedPoliciesRef">A git ref to read the project's policies from instead of the spec's tree.</param>
    public static CheckedSpec Run(CliContext context, string? path, string? gitRef, string displayBase, string? trustedPoliciesRef = null)
    {
        var sources = SpecLocation.Resolve(path, gitRef, context, displayBase).Read();
        var policyFolder = Path.Combine(SpecLocation.Folders(path, context).ProjectFolder, PolicySources.FolderName);
        var policies = trustedPoliciesRef is { } trusted
            ? PolicySources.AtRef(policyFolder, trusted, displayBase)
            : PolicySources.For(policyFolder, displayBase);
        // The policy worker starts on the spec as read, so that it compiles the policies while telc checks the spec.
        using var started = PolicyRunner.Start(sources, policies.Files, context.PolicySettings());
        var compilation = Compilation.Create(sources);
        var result = PolicyCheck.Run(compilation, policies, started, context.Today);
        return new CheckedSpec(compilation, result.Diagnostics, result.Waived);
    }

    /// <summary>A report of these diagnostics, waived findings listed.</summary>
    public DiagnosticReport Report() =>
        new(Diagnostics, Compilation.Sources.Files.Count, Compilation.DocumentCount) { Waived = Waived };
}
