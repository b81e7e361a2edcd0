using System.Text.RegularExpressions;

namespace Telc.PromQL;

/// <summary>Prometheus' classic rules for label and metric names, for every check and printer that needs them.</summary>
public static partial class PrometheusNames
{
    public static bool IsLabelName(string name) => LabelName().IsMatch(name);

    public static bool IsMetricName(string name) => MetricName().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();
}
