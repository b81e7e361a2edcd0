using Telc.Diagnostics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Policies;

/// <summary>
/// telc's own warnings as waivable findings: each gets the target a policy finding at the same place would have — the
/// document it is in (<c>Kind/name</c>), or the rule (<c>AlertGroup/group/rule</c>) — so one Waiver model covers both.
/// </summary>
public static class WarningTargets
{
    /// <summary>Waiver problems are about waivers themselves and are never waivable.</summary>
    private static readonly HashSet<string> NotWaivable = [DiagnosticCatalogue.WaiverExpired.Code, DiagnosticCatalogue.WaiverUnused.Code];

    public static bool IsWaivable(Diagnostic diagnostic) =>
        diagnostic.Level == DiagnosticLevel.Warning && diagnostic.Location is not null && !NotWaivable.Contains(diagnostic.Code);

    public static PolicyFindingDiagnostic? Finding(SpecModel model, Diagnostic diagnostic)
    {
        if (!IsWaivable(diagnostic) || Target(model, diagnostic) is not { } target)
        {
            return null;
        }

        return new PolicyFindingDiagnostic(diagnostic, diagnostic.Code, target);
    }

    private static string? Target(SpecModel model, Diagnostic diagnostic)
    {
        var at = diagnostic.Location!;
        var resource = model.Resources.FirstOrDefault(r => r.File == at.File && Contains(r.Document.Root.Span, at.Span.Start));
        if (resource is null)
        {
            return null;
        }

        return resource.Spec is AlertGroupSpec group && group.Rules.FirstOrDefault(r => r.Location is { } rule && Contains(rule.Span, at.Span.Start)) is { } inRule
            ? $"{resource.DisplayName}/{inRule.Name.Value}"
            : resource.DisplayName;
    }

    private static bool Contains(Text.TextSpan span, int offset) => offset >= span.Start && offset <= span.End;
}
