namespace Telc.Spec.Kinds;

[Doc("A policy finding, or one of telc's own warnings, accepted on purpose, for a limited time.")]
public sealed record WaiverSpec(
    [Doc("Id of the policy (e.g. alert-has-runbook), or the code of a telc warning (e.g. TELC303)."), Pattern(WaiverSpec.PolicyPattern, "alert-has-runbook")] string Policy,
    [Doc("The one target the waiver covers: for a telc warning, the document it is in (Kind/name) or the alert or recording rule (AlertGroup/group/rule); e.g. AlertGroup/payments-api/PaymentsHighErrorRate.")] string Target,
    [Doc("Person or team accountable.")] string Owner,
    [Doc("Why the finding is accepted.")] string Reason,
    [Doc("Ticket tracking the fix.")] string Ticket,
    [Doc("Last day the waiver holds, as YYYY-MM-DD; an expired waiver is an error."), Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "2026-12-31")] Located<string> Expires) : SpecNode
{
    public const string PolicyPattern = "^([a-z][a-z0-9]*(-[a-z0-9]+)*|TELC[0-9]{3})$";
}
