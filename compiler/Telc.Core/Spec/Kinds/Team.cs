using System.Collections.Immutable;

namespace Telc.Spec.Kinds;

[Doc("A team: the namespaces it owns, its owners, default receivers and budgets.")]
public sealed record TeamSpec(
    [Doc("Kubernetes namespaces the team owns; its alerts and dashboards may only query these.")] ImmutableArray<string> Namespaces,
    [Doc("People or groups responsible, e.g. e-mail addresses or @org/team handles.")] ImmutableArray<string> Owners,
    [Doc("Receivers the team's alerts go to by default.")] TeamReceivers? Receivers,
    [Doc("Limits the team's telemetry must stay within.")] TeamBudgets? Budgets) : SpecNode;

[Doc("Default receivers of the team's alerts (those of AlertGroups whose metadata.team is the team, which carry a team label): rendered as Alertmanager routes after the AlertRouting's own routes, so a route written there wins.")]
public sealed record TeamReceivers(
    [Doc("Receiver of the team's alerts."), Reference(SymbolKind.Receiver)] Located<string>? Default,
    [Doc("Receiver of the team's critical alerts."), Reference(SymbolKind.Receiver)] Located<string>? Critical) : SpecNode;

[Doc("Budgets checked by policies against estimates.")]
public sealed record TeamBudgets(
    [Doc("Active series the team's workloads may produce."), Range(0)] long? ActiveSeries,
    [Doc("Gigabytes of logs per day."), Range(0)] double? LogGbPerDay) : SpecNode;
