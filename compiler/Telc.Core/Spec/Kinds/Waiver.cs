namespace Telc.Spec.Kinds;

[Doc("A policy finding accepted on purpose, for a limited time.")]
public sealed record WaiverSpec(
    [Doc("Id of the policy, e.g. alert-has-runbook."), Pattern(Names.KebabId, "alert-has-runbook")] string Policy,
    [Doc("The one target the waiver covers, e.g. AlertGroup/payments-api/PaymentsHighErrorRate.")] string Target,
    [Doc("Person or team accountable.")] string Owner,
    [Doc("Why the finding is accepted.")] string Reason,
    [Doc("Ticket tracking the fix.")] string Ticket,
    [Doc("Last day the waiver holds, as YYYY-MM-DD; an expired waiver is an error."), Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "2026-12-31")] Located<string> Expires) : SpecNode;
