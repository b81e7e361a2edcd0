using Telc.Tests.Support;

namespace Telc.Tests.Collectors;

/// <summary>Rules find the metrics log pipelines derive by the names the pipelines give them.</summary>
public sealed class DerivedMetricUseTests
{
    private static Compilation Compile(string expr) => Specs.Compile(Specs.Cluster("dev-1", "dev") + Specs.Backend("metrics", "prometheus")
        + Specs.Backend("vendor", "external", "{ otlp: { endpoint: \"https://otlp.vendor.example:4317\" } }") + Specs.Header + """
        kind: LogPipeline
        metadata: { name: apps }
        spec:
          input: { containers: {} }
          derivedMetrics:
            - { name: app_errors_total, type: counter, match: { field: level, matches: "^error$" } }
            - { name: request_seconds, type: histogram, valueField: duration }
          output: { backend: vendor }
        ---
        """ + "\n" + Specs.Header + $$"""
        kind: AlertGroup
        metadata: { name: apps }
        spec:
          rules:
            - alert: AppErrors
              expr: {{expr}}
              severity: warning
              summary: errors
              runbook: https://runbooks.example/app-errors
        """);

    [Fact]
    public void A_name_close_to_a_derived_metric_is_reported_with_it()
    {
        var warning = Compile("sum(rate(app_error_total[5m])) > 1").Single("TELC219");

        Assert.Equal("no pipeline produces 'app_error_total'", warning.Message);
        Assert.Equal("did you mean 'app_errors_total', which a log pipeline derives?", warning.Hint);
    }

    [Fact]
    public void A_derived_histogram_is_selected_by_its_series()
    {
        Assert.Contains("stored as request_seconds_bucket", Compile("rate(request_seconds[5m]) > 1").Single("TELC219").Message);
        Assert.DoesNotContain(Compile("histogram_quantile(0.9, sum by (le) (rate(request_seconds_bucket[5m]))) > 1").Diagnostics, d => d.Code == "TELC219");
    }

    [Fact]
    public void Exact_names_and_unrelated_metrics_are_fine() =>
        Assert.DoesNotContain(Compile("sum(rate(app_errors_total[5m])) > 1 and on() up == 1").Diagnostics, d => d.Code == "TELC219");
}
