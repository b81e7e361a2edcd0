using System.Collections.Immutable;
using Telc.Spec.Values;

namespace Telc.Spec.Kinds;

[Doc("Receivers and routes of an Alertmanager.")]
public sealed record AlertRoutingSpec(
    [Doc("Alertmanager backend this configures; the only Alertmanager when left out."), Reference(SymbolKind.Backend)] Located<string>? Backend,
    [Doc("Where notifications go.")] ImmutableArray<Receiver> Receivers,
    [Doc("Routes, tried in order; the first match wins unless it continues.")] ImmutableArray<Route> Routes,
    [Doc("Receiver of alerts no route matches."), Reference(SymbolKind.Receiver)] Located<string> DefaultReceiver,
    [Doc("Labels alerts are grouped by."), Default(new[] { "alertname", "cluster", "namespace" })] ImmutableArray<string> GroupBy,
    [Doc("Wait before the first notification of a group."), AllowZero] Duration? GroupWait,
    [Doc("Wait before notifying about new alerts in a group.")] Duration? GroupInterval,
    [Doc("Wait before repeating a notification.")] Duration? RepeatInterval,
    [Doc("Alerts muted while others fire.")] ImmutableArray<Inhibition> Inhibitions,
    [Doc("Named time windows routes can mute.")] ImmutableArray<MuteTimeInterval> MuteTimeIntervals) : SpecNode;

[Doc("A notification target with at most one integration; one with none discards what it receives (the usual home of a Watchdog alert).")]
[AtMostOneOf("opsgenie", "pagerduty", "slack", "email", "webhook")]
public sealed record Receiver(
    [Doc("Name routes refer to."), Pattern("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$", "payments-oncall")] Located<string> Name,
    [Doc("OpsGenie.")] OpsgenieReceiver? Opsgenie,
    [Doc("PagerDuty Events API v2.")] PagerDutyReceiver? Pagerduty,
    [Doc("Slack incoming webhook.")] SlackReceiver? Slack,
    [Doc("Email.")] EmailReceiver? Email,
    [Doc("Generic webhook.")] WebhookReceiver? Webhook,
    [Doc("Also notify when alerts resolve."), Default(true)] bool SendResolved) : SpecNode;

[Doc("OpsGenie integration.")]
public sealed record OpsgenieReceiver(
    [Doc("Secret key holding the API key.")] SecretKeyRef ApiKeySecretRef,
    [Doc("Priority, P1 to P5."), Pattern("^P[1-5]$", "P1")] string? Priority,
    [Doc("Teams notified, by OpsGenie team name.")] ImmutableArray<string> Responders,
    [Doc("API URL, for the EU instance for example.")] string? ApiUrl) : SpecNode;

[Doc("PagerDuty integration.")]
public sealed record PagerDutyReceiver(
    [Doc("Secret key holding the Events API v2 routing key.")] SecretKeyRef RoutingKeySecretRef,
    [Doc("Severity sent to PagerDuty.")] string? Severity) : SpecNode;

[Doc("Slack integration.")]
public sealed record SlackReceiver(
    [Doc("Secret key holding the incoming webhook URL.")] SecretKeyRef ApiUrlSecretRef,
    [Doc("Channel, e.g. #alerts."), Pattern("^[#@]?[a-z0-9_.-]+$", "#payments-alerts")] string Channel) : SpecNode;

[Doc("Email integration.")]
public sealed record EmailReceiver(
    [Doc("Recipient addresses.")] ImmutableArray<string> To,
    [Doc("Sender address.")] string? From,
    [Doc("SMTP server as host:port.")] string? Smarthost,
    [Doc("SMTP user name.")] string? AuthUsername,
    [Doc("Secret key holding the SMTP password.")] SecretKeyRef? AuthPasswordSecretRef) : SpecNode;

[Doc("Webhook integration: the URL itself, or a Secret key holding it when it embeds a token (url_file needs Alertmanager 0.26 or later).")]
[ExactlyOneOf("url", "urlSecretRef")]
public sealed record WebhookReceiver(
    [Doc("URL notifications are posted to, when it holds no credential."), Pattern("^https?://[^\\s]+$", "https://hooks.example/alerts")] string? Url,
    [Doc("Secret key holding the URL, when it embeds a token.")] SecretKeyRef? UrlSecretRef,
    [Doc("Most alerts sent in one message; 0 means all."), Default(0), Range(0)] int MaxAlerts) : SpecNode;

[Doc("A route: alerts matching every matcher go to the receiver.")]
public sealed record Route(
    [Doc("Label matchers such as severity=\"critical\" or team=~\"pay.*\"."), Pattern(AlertmanagerMatcher.SyntaxPattern, "severity=\"critical\"")] ImmutableArray<Located<string>> Matchers,
    [Doc("Receiver of matching alerts."), Reference(SymbolKind.Receiver)] Located<string> Receiver,
    [Doc("Labels to group by; inherited when left out.")] ImmutableArray<string> GroupBy,
    [Doc("Keep matching later routes too."), Default(false)] bool Continue,
    [Doc("Wait before the first notification of a group."), AllowZero] Duration? GroupWait,
    [Doc("Wait before notifying about new alerts in a group.")] Duration? GroupInterval,
    [Doc("Wait before repeating a notification.")] Duration? RepeatInterval,
    [Doc("Time intervals during which this route is muted."), Reference(SymbolKind.MuteTimeInterval)] ImmutableArray<Located<string>> MuteTimeIntervals,
    [Doc("Nested routes, tried for alerts that match this one.")] ImmutableArray<Route> Routes) : SpecNode
{
    /// <summary>This route and every route nested in it, depth first.</summary>
    public IEnumerable<Route> WithNested => Routes.SelectMany(r => r.WithNested).Prepend(this);
}

[Doc("Mute target alerts while a source alert fires.")]
public sealed record Inhibition(
    [Doc("Matchers of the alert that mutes."), Pattern(AlertmanagerMatcher.SyntaxPattern, "severity=\"critical\"")] ImmutableArray<Located<string>> SourceMatchers,
    [Doc("Matchers of the alerts that are muted."), Pattern(AlertmanagerMatcher.SyntaxPattern, "severity=\"warning\"")] ImmutableArray<Located<string>> TargetMatchers,
    [Doc("Labels that must be equal in both.")] ImmutableArray<string> Equal) : SpecNode;

[Doc("A named set of time windows.")]
public sealed record MuteTimeInterval(
    [Doc("Name routes refer to."), Pattern("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$", "weekends")] Located<string> Name,
    [Doc("The windows; a time matches when it is in any of them.")] ImmutableArray<TimeWindow> Windows) : SpecNode;

[Doc("A time window; every field left out matches any time.")]
public sealed record TimeWindow(
    [Doc("Times of day as HH:MM-HH:MM, e.g. 22:00-24:00.")] ImmutableArray<Located<string>> Times,
    [Doc("Weekdays or ranges, e.g. saturday or monday:friday.")] ImmutableArray<Located<string>> Weekdays,
    [Doc("Days of the month or ranges, e.g. 1 or 1:5.")] ImmutableArray<Located<string>> DaysOfMonth,
    [Doc("Months or ranges, e.g. december or 1:3.")] ImmutableArray<Located<string>> Months,
    [Doc("IANA time zone of the window, e.g. Europe/Berlin."), Default("UTC")] string TimeZone) : SpecNode;
