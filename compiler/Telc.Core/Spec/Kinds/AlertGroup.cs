using System.Collections.Immutable;
using Telc.Spec.Values;

namespace Telc.Spec.Kinds;

[Doc("Alerting and recording rules evaluated by one backend (PromQL for Prometheus, LogQL for Loki).")]
public sealed record AlertGroupSpec(
    [Doc("Backend that evaluates the rules; the only Prometheus when left out."), Reference(SymbolKind.Backend)] Located<string>? Backend,
    [Doc("Evaluation interval of the group; the backend's when left out.")] Duration? Interval,
    [Doc("The rules, evaluated in order.")] ImmutableArray<Rule> Rules) : SpecNode;

[Doc("An alerting rule (alert) or a recording rule (record).")]
[ExactlyOneOf("alert", "record")]
public sealed record Rule(
    [Doc("Name of the alert, e.g. PaymentsHighErrorRate.")] Located<string>? Alert,
    [Doc("Name of the recorded series, e.g. job:http_requests:rate5m."), Pattern("^[a-zA-Z_:][a-zA-Z0-9_:]*$", "job:http_requests:rate5m")] Located<string>? Record,
    [Doc("The query.")] Located<string> Expr,
    [Doc("How long the condition must hold before the alert fires."), AllowZero] Duration? For,
    [Doc("How long the alert keeps firing after the condition clears."), AllowZero] Duration? KeepFiringFor,
    [Doc("Severity label, e.g. critical, warning, info.")] string? Severity,
    [Doc("One-line summary annotation; may use {{ $labels.x }} and {{ $value }}.")] string? Summary,
    [Doc("Longer description annotation.")] string? Description,
    [Doc("URL of the runbook annotation."), Pattern("^https?://[^\\s]+$", "https://runbooks.example/high-error-rate")] string? Runbook,
    [Doc("Extra labels.")] ImmutableSortedDictionary<string, string> Labels,
    [Doc("Extra annotations.")] ImmutableSortedDictionary<string, string> Annotations) : SpecNode
{
    public Located<string> Name => Alert ?? Record!;
}
