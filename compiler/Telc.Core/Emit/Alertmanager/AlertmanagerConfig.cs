using System.Collections.Immutable;
using Telc.Output;

namespace Telc.Emit.Alertmanager;

// alertmanager.yml, as documented at prometheus.io/docs/alerting/latest/configuration/. Credentials only as *_file.
public sealed record AlertmanagerConfig(
    RouteConfig Route,
    ImmutableArray<InhibitRuleConfig> InhibitRules,
    ImmutableArray<ReceiverConfig> Receivers,
    ImmutableArray<MuteTimeIntervalConfig> MuteTimeIntervals) : ISnakeCaseOutput;

public sealed record RouteConfig(
    string Receiver,
    ImmutableArray<string> Matchers = default,
    ImmutableArray<string> GroupBy = default,
    bool? Continue = null,
    string? GroupWait = null,
    string? GroupInterval = null,
    string? RepeatInterval = null,
    ImmutableArray<string> MuteTimeIntervals = default,
    ImmutableArray<RouteConfig> Routes = default) : ISnakeCaseOutput;

public sealed record InhibitRuleConfig(ImmutableArray<string> SourceMatchers, ImmutableArray<string> TargetMatchers, ImmutableArray<string> Equal) : ISnakeCaseOutput;

public sealed record ReceiverConfig(
    string Name,
    ImmutableArray<OpsgenieConfig> OpsgenieConfigs = default,
    ImmutableArray<PagerdutyConfig> PagerdutyConfigs = default,
    ImmutableArray<SlackConfig> SlackConfigs = default,
    ImmutableArray<EmailConfig> EmailConfigs = default,
    ImmutableArray<WebhookConfig> WebhookConfigs = default) : ISnakeCaseOutput;

public sealed record OpsgenieConfig(bool SendResolved, string ApiKeyFile, string? ApiUrl, string? Priority, ImmutableArray<OpsgenieResponder> Responders) : ISnakeCaseOutput;

public sealed record OpsgenieResponder(string Name, string Type = "team") : ISnakeCaseOutput;

public sealed record PagerdutyConfig(bool SendResolved, string RoutingKeyFile, string? Severity) : ISnakeCaseOutput;

public sealed record SlackConfig(bool SendResolved, string ApiUrlFile, string Channel) : ISnakeCaseOutput;

public sealed record EmailConfig(bool SendResolved, string To, string? From, string? Smarthost, string? AuthUsername, string? AuthPasswordFile) : ISnakeCaseOutput;

public sealed record WebhookConfig(bool SendResolved, string? Url, string? UrlFile, int? MaxAlerts) : ISnakeCaseOutput;

public sealed record MuteTimeIntervalConfig(string Name, ImmutableArray<TimeIntervalConfig> TimeIntervals) : ISnakeCaseOutput;

public sealed record TimeIntervalConfig(
    ImmutableArray<TimeRangeConfig> Times,
    ImmutableArray<string> Weekdays,
    ImmutableArray<string> DaysOfMonth,
    ImmutableArray<string> Months,
    string? Location) : ISnakeCaseOutput;

public sealed record TimeRangeConfig(string StartTime, string EndTime) : ISnakeCaseOutput;
