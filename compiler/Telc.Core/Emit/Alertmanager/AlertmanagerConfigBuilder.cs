using System.Collections.Immutable;
using Telc.Model;
using Telc.Spec.Kinds;

namespace Telc.Emit.Alertmanager;

/// <summary>Builds alertmanager.yml from an AlertRouting; every credential is a file under the mounted Secrets.</summary>
public static class AlertmanagerConfigBuilder
{
    public const string SecretsDirectory = "/etc/alertmanager/secrets";
    private const string NullReceiver = "null";

    public static AlertmanagerConfig Build(AlertmanagerPlan plan)
    {
        if (plan.RoutingSpec is not { } routing)
        {
            // No AlertRouting for this Alertmanager: it accepts alerts and notifies no one.
            return new AlertmanagerConfig(new RouteConfig(NullReceiver), [], [new ReceiverConfig(NullReceiver)], []);
        }

        var root = new RouteConfig(
            routing.DefaultReceiver.Value,
            GroupBy: routing.GroupBy,
            GroupWait: routing.GroupWait?.Text,
            GroupInterval: routing.GroupInterval?.Text,
            RepeatInterval: routing.RepeatInterval?.Text,
            Routes: [.. plan.Routes.Select(Route)]);
        return new AlertmanagerConfig(
            root,
            [.. routing.Inhibitions.Select(i => new InhibitRuleConfig(Values(i.SourceMatchers), Values(i.TargetMatchers), i.Equal))],
            [.. routing.Receivers.Select(Receiver)],
            [.. routing.MuteTimeIntervals.Select(MuteInterval)]);
    }

    /// <summary>The Secrets the config reads files from, so the workload can mount them.</summary>
    public static ImmutableArray<string> SecretNames(AlertmanagerPlan plan) =>
        [.. (plan.RoutingSpec?.Receivers ?? []).SelectMany(SecretRefs).Select(s => s.Name).Distinct().Order(StringComparer.Ordinal)];

    private static IEnumerable<SecretKeyRef> SecretRefs(Receiver receiver) => new[]
    {
        receiver.Opsgenie?.ApiKeySecretRef, receiver.Pagerduty?.RoutingKeySecretRef, receiver.Slack?.ApiUrlSecretRef,
        receiver.Email?.AuthPasswordSecretRef, receiver.Webhook?.UrlSecretRef,
    }.OfType<SecretKeyRef>();

    private static RouteConfig Route(Route route) => new(
        route.Receiver.Value,
        Matchers: Values(route.Matchers),
        GroupBy: route.GroupBy,
        Continue: route.Continue ? true : null,
        GroupWait: route.GroupWait?.Text,
        GroupInterval: route.GroupInterval?.Text,
        RepeatInterval: route.RepeatInterval?.Text,
        MuteTimeIntervals: Values(route.MuteTimeIntervals),
        Routes: [.. route.Routes.Select(Route)]);

    private static ReceiverConfig Receiver(Receiver receiver) => new(
        receiver.Name.Value,
        OpsgenieConfigs: receiver.Opsgenie is { } og
            ? [new OpsgenieConfig(receiver.SendResolved, File(og.ApiKeySecretRef), og.ApiUrl, og.Priority, [.. og.Responders.Select(r => new OpsgenieResponder(r))])]
            : [],
        PagerdutyConfigs: receiver.Pagerduty is { } pd ? [new PagerdutyConfig(receiver.SendResolved, File(pd.RoutingKeySecretRef), pd.Severity)] : [],
        SlackConfigs: receiver.Slack is { } slack ? [new SlackConfig(receiver.SendResolved, File(slack.ApiUrlSecretRef), slack.Channel)] : [],
        EmailConfigs: receiver.Email is { } email
            ? [new EmailConfig(receiver.SendResolved, string.Join(", ", email.To), email.From, email.Smarthost, email.AuthUsername,
                email.AuthPasswordSecretRef is { } password ? File(password) : null)]
            : [],
        WebhookConfigs: receiver.Webhook is { } hook
            ? [new WebhookConfig(receiver.SendResolved, hook.Url, hook.UrlSecretRef is { } url ? File(url) : null, hook.MaxAlerts == 0 ? null : hook.MaxAlerts)]
            : []);

    private static MuteTimeIntervalConfig MuteInterval(MuteTimeInterval interval) => new(
        interval.Name.Value,
        [.. interval.Windows.Select(w => new TimeIntervalConfig(
            [.. w.Times.Select(t => t.Value.Split('-')).Select(p => new TimeRangeConfig(p[0].Trim(), p.Length > 1 ? p[1].Trim() : string.Empty))],
            Values(w.Weekdays), Values(w.DaysOfMonth), Values(w.Months), w.TimeZone == "UTC" ? null : w.TimeZone))]);

    public static string File(SecretKeyRef secret) => $"{SecretsDirectory}/{secret.Name}/{secret.Key}";

    private static ImmutableArray<string> Values(ImmutableArray<Spec.Located<string>> values) => [.. values.Select(v => v.Value)];
}
