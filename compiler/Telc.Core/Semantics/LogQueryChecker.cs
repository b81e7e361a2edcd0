using Telc.Diagnostics;
using Telc.Emit.Loki;
using Telc.LogQL;
using Telc.Spec;

namespace Telc.Semantics;

/// <summary>
/// Checks a LogQL query of the spec (a rule a Loki evaluates, a panel of a dashboard that reads a Loki) as Loki would:
/// syntax (TELC310), what Loki refuses in a well-formed query (TELC311), a result its use cannot take (TELC302), and
/// stream selectors on labels the rendered Loki does not index, which select nothing (TELC312). Dashboard queries are
/// read after Grafana's variables, as Grafana sends them.
/// </summary>
public static class LogQueryChecker
{
    /// <summary>Label names other log stacks index, and what telc's Loki calls the same thing.</summary>
    private static readonly Dictionary<string, string> Counterparts = new(StringComparer.Ordinal)
    {
        ["namespace"] = "k8s_namespace_name",
        ["container"] = "k8s_container_name",
        ["container_name"] = "k8s_container_name",
        ["node"] = "k8s_node_name",
        ["node_name"] = "k8s_node_name",
        ["host"] = "k8s_node_name",
        ["hostname"] = "k8s_node_name",
        ["app"] = "service_name",
        ["application"] = "service_name",
        ["job"] = "service_name",
        ["service"] = "service_name",
        ["deployment"] = "k8s_deployment_name",
        ["statefulset"] = "k8s_statefulset_name",
        ["daemonset"] = "k8s_daemonset_name",
    };

    public static void Check(Located<string> query, LogQueryUse use, List<Diagnostic> diagnostics)
    {
        var text = use == LogQueryUse.Panel ? GrafanaVariables.Substitute(query.Value) : query.Value;
        var result = Parser.Parse(text);
        foreach (var error in result.Errors)
        {
            var span = ScalarOffsets.Map(query.Location, query.Value, error.Span);
            diagnostics.Add(Diagnostic.At(result.Root is null ? DiagnosticCatalogue.LogQLSyntax : DiagnosticCatalogue.LogQLRefused,
                query.Location.File.Locate(span), error.Message, null));
        }

        if (result.Root is not { } root)
        {
            return;
        }

        var type = Parser.TypeOf(root);
        if (use != LogQueryUse.Panel && type == ResultType.Logs || use == LogQueryUse.AlertingRule && type == ResultType.Scalar)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.PromQLResultType, query.Location,
                $"the query returns {(type == ResultType.Logs ? "log lines" : "a number")}, which {(use == LogQueryUse.AlertingRule ? "an alerting rule" : "a recording rule")} cannot use",
                type == ResultType.Logs
                    ? "count the lines over a range and compare, e.g. sum by (service_name) (count_over_time({service_name=\"api\"} |= \"error\" [5m])) > 10"
                    : "an alert condition must select series, e.g. compare a metric query with a threshold"));
        }

        foreach (var matcher in Parser.Selectors(root).SelectMany(s => s.Matchers))
        {
            if (matcher.MatchesEmpty || LokiConfigBuilder.IndexLabelNames.Contains(matcher.Name) || GrafanaVariables.Contains(query.Value) && matcher.Name.StartsWith('_'))
            {
                continue;
            }

            var counterpart = Counterparts.GetValueOrDefault(matcher.Name) ?? Suggestions.Closest(matcher.Name, LokiConfigBuilder.IndexLabelNames);
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.UnindexedStreamLabel, query.Location.File.Locate(ScalarOffsets.Map(query.Location, query.Value, matcher.NameSpan)),
                $"no stream has the index label '{matcher.Name}', so this selector matches nothing",
                $"{(counterpart is null ? string.Empty : $"telc's Loki calls it '{counterpart}'; ")}the index labels are {string.Join(", ", LokiConfigBuilder.IndexLabelNames.Order(StringComparer.Ordinal))}; "
                + "filter other fields after the selector, e.g. | k8s_pod_name=\"api-0\""));
        }
    }
}

/// <summary>Where a LogQL query is used, which decides what it may return.</summary>
public enum LogQueryUse
{
    AlertingRule,
    RecordingRule,
    Panel,
}
