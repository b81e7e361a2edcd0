using System.Collections.Immutable;
using Telc.Spec.Values;

namespace Telc.Spec.Kinds;

[Doc("A service level objective, rendered to recording rules and multi-window multi-burn-rate alerts.")]
public sealed record SloSpec(
    [Doc("Service the objective is about.")] string Service,
    [Doc("Backend that evaluates the rules; the only Prometheus when left out."), Reference(SymbolKind.Backend)] Located<string>? Backend,
    [Doc("Target percentage of good events, e.g. 99.9."), Range(0, 100)] double Objective,
    [Doc("Compliance window."), Default("30d")] Duration Window,
    [Doc("The service level indicator.")] SloIndicator Sli,
    [Doc("Alerts raised when the error budget burns too fast.")] SloAlerting? Alerting,
    [Doc("Labels added to every generated rule.")] ImmutableSortedDictionary<string, string> Labels) : SpecNode;

[Doc("The indicator as a ratio of two queries; {{.window}} is replaced by each rule's range.")]
public sealed record SloIndicator(
    [Doc("Rate of bad events, e.g. sum(rate(http_requests_total{code=~\"5..\"}[{{.window}}])).")] Located<string> ErrorQuery,
    [Doc("Rate of all events.")] Located<string> TotalQuery) : SpecNode;

[Doc("Burn-rate alerting.")]
public sealed record SloAlerting(
    [Doc("Fast-burn alert that pages.")] SloAlert? Page,
    [Doc("Slow-burn alert that opens a ticket.")] SloAlert? Ticket,
    [Doc("Events per second below which no alert fires, to stay quiet on low traffic."), Range(0)] double? MinimumRate) : SpecNode;

[Doc("One burn-rate alert.")]
public sealed record SloAlert(
    [Doc("Set false to render no alert."), Default(true)] bool Enabled,
    [Doc("Alert name; derived from the SLO when left out.")] string? Name,
    [Doc("Severity label.")] string? Severity,
    [Doc("Extra labels.")] ImmutableSortedDictionary<string, string> Labels) : SpecNode;
