using Telc.Diagnostics;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Policies;

/// <summary>
/// Applies the Waiver documents to policy findings: a waiver in force hides the one finding of its policy and
/// target; an expired waiver hides nothing and is an error; a waiver that matches no finding is a warning, so
/// waivers do not outlive what they were written for.
/// </summary>
public static class Waivers
{
    public sealed record Outcome(IReadOnlyList<Diagnostic> Kept, IReadOnlyList<WaivedFinding> Waived, IReadOnlyList<Diagnostic> Problems);

    public static Outcome Apply(SpecModel model, IReadOnlyList<PolicyFindingDiagnostic> findings, DateOnly today)
    {
        var waivers = model.OfKind<WaiverSpec>().ToArray();
        var kept = new List<Diagnostic>();
        var waived = new List<WaivedFinding>();
        var used = new HashSet<Resource>();
        foreach (var finding in findings)
        {
            var waiver = waivers.FirstOrDefault(w => w.Spec.Policy == finding.Policy && w.Spec.Target == finding.Target && InForce(w.Spec, today));
            if (waiver.Resource is null)
            {
                kept.Add(finding.Diagnostic);
                continue;
            }

            used.Add(waiver.Resource);
            waived.Add(new WaivedFinding(finding.Diagnostic, finding.Target, waiver.Resource, waiver.Spec));
        }

        var problems = new List<Diagnostic>();
        foreach (var (resource, waiver) in waivers)
        {
            if (Expiry(waiver) is { } expires && expires < today)
            {
                problems.Add(Diagnostic.At(DiagnosticCatalogue.WaiverExpired, waiver.Expires.Location,
                    $"Waiver '{resource.Name}' of {waiver.Policy} for {waiver.Target} expired on {waiver.Expires.Value}",
                    $"fix what {waiver.Policy} reports (ticket {waiver.Ticket}), or renew the waiver with {waiver.Owner}'s agreement"));
            }
            else if (!used.Contains(resource))
            {
                problems.Add(Diagnostic.At(DiagnosticCatalogue.WaiverUnused, resource.Location,
                    $"Waiver '{resource.Name}' of {waiver.Policy} for {waiver.Target} matches no finding",
                    "delete it if the problem is fixed; otherwise check the policy id and the target, which must equal the finding's"));
            }
        }

        return new Outcome(kept, waived, problems);
    }

    private static bool InForce(WaiverSpec waiver, DateOnly today) => Expiry(waiver) is { } expires && expires >= today;

    private static DateOnly? Expiry(WaiverSpec waiver) => CalendarDate.Parse(waiver.Expires.Value);
}
