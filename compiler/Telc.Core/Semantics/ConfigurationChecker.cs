using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.PromQL;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// Values that pass the schema but that Prometheus, Alertmanager or Kubernetes would refuse when they load the
/// rendered files, and credentials written where only Secret references belong. Found here, in the pull request,
/// instead of in a crash-looping pod.
/// </summary>
public sealed partial class ConfigurationChecker
{
    private readonly List<Diagnostic> diagnostics = [];

    public static IReadOnlyList<Diagnostic> Check(SpecModel model)
    {
        var checker = new ConfigurationChecker();
        checker.Run(model);
        return checker.diagnostics;
    }

    private void Run(SpecModel model)
    {
        foreach (var resource in model.Resources)
        {
            diagnostics.AddRange(MetadataChecks.Check(resource));
            if (resource.Spec is ProjectSpec { Output: { } output } && LeavesTheProject(output.Path))
            {
                Add(DiagnosticCatalogue.InvalidForConsumer, output.Location, $"output.path '{output.Path}' leads out of the project folder",
                    "give a path inside the project, e.g. rendered; to write elsewhere, run render with -o DIR");
            }

            switch (resource.Spec)
            {
                case ClusterSpec cluster:
                    LabelNames(cluster.ExternalLabels.Keys, resource.Location, "external label");
                    break;
                case ProjectSpec { GitOps: { RevisionKind: RevisionKind.Commit } gitOps } when !Sources.GitRef.IsCommitId(gitOps.Revision):
                    Add(DiagnosticCatalogue.InvalidForConsumer, gitOps.Location, $"revision '{gitOps.Revision}' is not a full commit id, which Flux needs for a commit",
                        "give all 40 hex digits of the commit (lowercase), or say revisionKind: tag or branch");
                    break;
                case AlertGroupSpec group:
                    foreach (var rule in group.Rules)
                    {
                        CheckRule(rule);
                    }

                    break;
                case AlertRoutingSpec routing:
                    CheckRouting(routing);
                    break;
                case MetricPipelineSpec pipeline:
                    CheckPipeline(pipeline);
                    break;
                case TeamSpec team:
                    NamespaceNames(team.Namespaces, team.Location);
                    break;
                case BackendSpec backend:
                    CheckEndpoints(backend);
                    break;
            }
        }
    }

    private void CheckRule(Rule rule)
    {
        if (rule.Record is not null)
        {
            var alertOnly = new (string Field, object? Value)[]
            {
                ("for", rule.For), ("keepFiringFor", rule.KeepFiringFor), ("severity", rule.Severity), ("summary", rule.Summary),
                ("description", rule.Description), ("runbook", rule.Runbook),
            };
            foreach (var (field, _) in alertOnly.Where(f => f.Value is not null))
            {
                Add(DiagnosticCatalogue.InvalidForConsumer, rule.Location, $"recording rule '{rule.Record.Value}' cannot have '{field}'; only alerts use it",
                    "remove it, or make the rule an alert");
            }

            if (!rule.Annotations.IsEmpty)
            {
                Add(DiagnosticCatalogue.InvalidForConsumer, rule.Location, $"recording rule '{rule.Record.Value}' cannot have annotations", "remove them");
            }
        }

        LabelNames(rule.Labels.Keys, rule.Location, "label");
        LabelNames(rule.Annotations.Keys, rule.Location, "annotation");
        if (rule.Alert is not null && (rule.Labels.ContainsKey("severity") && rule.Severity is not null || rule.Annotations.ContainsKey("runbook_url") && rule.Runbook is not null))
        {
            Add(DiagnosticCatalogue.InvalidForConsumer, rule.Location, $"alert '{rule.Alert.Value}' sets severity or runbook twice, as a field and in labels/annotations",
                "keep the field (severity, runbook) and remove the label or annotation");
        }
    }

    private void CheckRouting(AlertRoutingSpec routing)
    {
        LabelNames(routing.GroupBy.Where(l => l != "..."), routing.Location, "group_by label");
        foreach (var route in routing.Routes.SelectMany(r => r.WithNested))
        {
            LabelNames(route.GroupBy.Where(l => l != "..."), route.Location, "group_by label");
        }

        foreach (var inhibition in routing.Inhibitions)
        {
            LabelNames(inhibition.Equal, inhibition.Location, "label");
        }

        foreach (var receiver in routing.Receivers)
        {
            if (receiver.Email is { Smarthost: { } host } email && !host.Contains('@', StringComparison.Ordinal) && !HostPort().IsMatch(host)) // user info is TELC216
            {
                Add(DiagnosticCatalogue.InvalidForConsumer, email.Location, $"smarthost '{host}' needs a port, as host:port", "e.g. smtp.example.com:587");
            }
        }

        foreach (var window in routing.MuteTimeIntervals.SelectMany(m => m.Windows))
        {
            CheckWindow(window);
        }
    }

    private void CheckWindow(TimeWindow window)
    {
        foreach (var time in window.Times.Where(t => !TimeRange().IsMatch(t.Value) || !Ordered(t.Value)))
        {
            Add(DiagnosticCatalogue.InvalidForConsumer, time.Location, $"'{time.Value}' is not a time range", "write HH:MM-HH:MM with the start before the end, e.g. 22:00-24:00");
        }

        foreach (var day in window.Weekdays.Where(d => !Range(d.Value, v => Weekdays.Contains(v.ToLowerInvariant()))))
        {
            Add(DiagnosticCatalogue.InvalidForConsumer, day.Location, $"'{day.Value}' is not a weekday or a range of weekdays", "e.g. saturday or monday:friday");
        }

        foreach (var day in window.DaysOfMonth.Where(d => !Range(d.Value, v => int.TryParse(v, out var n) && n is >= -31 and <= 31 and not 0)))
        {
            Add(DiagnosticCatalogue.InvalidForConsumer, day.Location, $"'{day.Value}' is not a day of the month", "use 1 to 31, or -1 for the last day; ranges as 1:7");
        }

        foreach (var month in window.Months.Where(m => !Range(m.Value, v => Months.Contains(v.ToLowerInvariant()) || int.TryParse(v, out var n) && n is >= 1 and <= 12)))
        {
            Add(DiagnosticCatalogue.InvalidForConsumer, month.Location, $"'{month.Value}' is not a month", "e.g. december, 12 or 1:3");
        }

        if (window.TimeZone != "UTC" && !TimeZoneInfo.TryFindSystemTimeZoneById(window.TimeZone, out _))
        {
            Add(DiagnosticCatalogue.InvalidForConsumer, window.Location, $"'{window.TimeZone}' is not a known time zone", "use an IANA name such as Europe/Berlin");
        }

        static bool Range(string text, Func<string, bool> valid) => text.Split(':') is var parts && parts.Length <= 2 && parts.All(p => valid(p.Trim()));

        static bool Ordered(string text)
        {
            var parts = text.Split('-');
            return string.CompareOrdinal(parts[0], parts[1]) < 0;
        }
    }

    private void CheckPipeline(MetricPipelineSpec pipeline)
    {
        foreach (var label in pipeline.Filter?.DropLabels ?? [])
        {
            if (label is "__name__" or "job" or "instance")
            {
                Add(DiagnosticCatalogue.InvalidForConsumer, pipeline.Filter!.Location, $"dropping label '{label}' would merge distinct series into one",
                    "drop labels that carry detail, never the identity of a series");
            }
        }

        LabelNames((pipeline.Filter?.DropLabels ?? []).Where(l => l is not ("__name__" or "job" or "instance")), pipeline.Filter?.Location ?? pipeline.Location, "label");
        NamespaceNames([.. pipeline.Input.Prometheus?.Namespaces?.Include ?? [], .. pipeline.Input.Prometheus?.Namespaces?.Exclude ?? [],
            .. pipeline.Filter?.Namespaces?.Include ?? [], .. pipeline.Filter?.Namespaces?.Exclude ?? []], pipeline.Location);
        foreach (var workload in pipeline.Filter?.DropWorkloads ?? [])
        {
            if (!Spec.Names.IsDnsSubdomain(workload))
            {
                Add(DiagnosticCatalogue.InvalidForConsumer, pipeline.Filter!.Location, $"'{workload}' is not a workload name", "list Deployment, StatefulSet or DaemonSet names, not patterns");
            }
        }

        foreach (var selector in pipeline.Input.Prometheus?.Selectors ?? [])
        {
            NamespaceNames(selector.Namespaces, selector.Location);
            foreach (var key in selector.MatchLabels.Keys.Where(k => !KubernetesLabelKey().IsMatch(k)))
            {
                Add(DiagnosticCatalogue.InvalidForConsumer, selector.Location, $"'{key}' is not a Kubernetes label key", "e.g. app.kubernetes.io/name");
            }

        }
    }

    private void CheckEndpoints(BackendSpec backend)
    {
        var external = backend.External;
        var endpoints = new[] { external?.PrometheusRemoteWrite, external?.Elasticsearch, external?.Loki }.OfType<HttpEndpoint>().Select(e => (e.Url, e.Tls))
            .Concat(external?.SplunkHec is { } splunk ? [(splunk.Url, splunk.Tls)] : [])
            .Concat(external?.Otlp is { } otlp ? [(otlp.Endpoint, otlp.Tls)] : []);
        foreach (var (url, tls) in endpoints)
        {
            if (tls is { Insecure: true } && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                Add(DiagnosticCatalogue.InvalidForConsumer, tls.Location, $"tls.insecure asks for no TLS, but the URL '{url}' is https://; the URL's scheme decides",
                    "write the URL with http:// to send without TLS (for OTLP over gRPC, grpc:// with tls.insecure), or remove insecure");
            }
        }
    }

    private void LabelNames(IEnumerable<string> names, SourceLocation location, string what)
    {
        foreach (var name in names.Where(n => !PrometheusNames.IsLabelName(n)))
        {
            Add(DiagnosticCatalogue.InvalidForConsumer, location, $"'{name}' is not a valid {what} name",
                "Prometheus label names use letters, digits and underscores, and do not start with a digit");
        }
    }

    private void NamespaceNames(IEnumerable<string> names, SourceLocation location)
    {
        foreach (var name in names.Where(n => !Spec.Names.IsDnsLabel(n)))
        {
            Add(DiagnosticCatalogue.InvalidForConsumer, location, $"'{name}' is not a valid namespace name", "lowercase letters, digits and '-', at most 63 characters");
        }
    }

    /// <summary>An absolute path, or one whose '..' steps climb above where it starts.</summary>
    private static bool LeavesTheProject(string path)
    {
        if (Path.IsPathRooted(path) || path.StartsWith('~'))
        {
            return true;
        }

        var depth = 0;
        foreach (var step in path.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries))
        {
            depth += step switch { ".." => -1, "." => 0, _ => 1 };
            if (depth < 0)
            {
                return true;
            }
        }

        return false;
    }

    private void Add(DiagnosticDescriptor descriptor, SourceLocation location, string message, string? hint) =>
        diagnostics.Add(Diagnostic.At(descriptor, location, message, hint));

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];


    [GeneratedRegex(@"^\[?[^\s\[\]]+\]?:[0-9]{1,5}$")]
    internal static partial Regex HostPort();

    [GeneratedRegex("^(([01][0-9]|2[0-3]):[0-5][0-9])-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]
    private static partial Regex TimeRange();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex KubernetesLabelKey();
}
