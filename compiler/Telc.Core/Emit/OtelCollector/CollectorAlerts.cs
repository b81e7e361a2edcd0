using Telc.Emit.Prometheus;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// The collectors' own alerts, evaluated by the Prometheus that scrapes them: data dropped because a queue was full,
/// data partly dropped because an output keeps failing, data refused at the door (memory limit, throttling) and a
/// queue nearly full. Every one names the collector (otel-agent or otel-gateway), the pod and the exporter or
/// receiver, so the pipeline is known: exporter ids are TYPE/PIPELINE.
/// </summary>
public static class CollectorAlerts
{
    /// <summary>An underscore, which no AlertGroup name may hold, so the file never meets an AlertGroup's.</summary>
    public const string FileName = "telc_otel_collectors.yaml";
    public const string JobName = "telc/otel-collectors";

    private const string Failed = "otelcol_exporter_send_failed_(log_records|spans|metric_points)_total";
    private const string Sent = "otelcol_exporter_sent_(log_records|spans|metric_points)_total";

    public const string FluentBitJobName = "telc/fluent-bit";

    /// <summary>The groups of the collectors the cluster runs: telc-otel-collectors, telc-fluent-bit.</summary>
    public static RuleFile Rules(Model.CollectorsPlan collectors) => new([
        .. collectors.IsEmpty ? [] : new[] { OtelCollectors() },
        .. collectors.FluentBit.IsEmpty ? [] : new[] { FluentBit() },
    ]);

    /// <summary>
    /// Fluent Bit's own: records dropped because an output's retries ran out or its buffer was full, and outputs
    /// failing. Its metrics name the output by its alias, which is the pipeline's name.
    /// </summary>
    private static RuleGroupConfig FluentBit() => new("telc-fluent-bit", null, [
        RuleConfig.OwnAlert("FluentBitDroppingData",
            $"sum by (pod, name) (rate(fluentbit_output_dropped_records_total{{job=\"{FluentBitJobName}\"}}[5m]) + rate(fluentbit_output_retries_failed_total{{job=\"{FluentBitJobName}\"}}[5m])) > 0",
            "5m", "critical",
            "fluent-bit {{ $labels.pod }} drops the records of pipeline {{ $labels.name }}",
            "An output dropped records (fluentbit_output_dropped_records_total) or gave up retrying a chunk (fluentbit_output_retries_failed_total): its backend is down or refuses data, and the pipeline's buffer or retry budget ran out."),
        RuleConfig.OwnAlert("FluentBitOutputFailing",
            $"sum by (pod, name) (rate(fluentbit_output_errors_total{{job=\"{FluentBitJobName}\"}}[5m])) > 0",
            "15m", "warning",
            "fluent-bit {{ $labels.pod }} fails to send the records of pipeline {{ $labels.name }}",
            "The output keeps failing and retrying; records wait in the pipeline's buffer until it is full or the retries run out."),
    ]);

    private static RuleGroupConfig OtelCollectors() =>
        new("telc-otel-collectors", null, [
            RuleConfig.OwnAlert("OtelCollectorDroppingData",
                $"sum by (collector, pod, exporter) (rate({{__name__=~\"otelcol_exporter_enqueue_failed_(log_records|spans|metric_points)_total\", job=\"{JobName}\"}}[5m])) > 0",
                "5m", "critical",
                "{{ $labels.collector }} {{ $labels.pod }} drops data: the queue of {{ $labels.exporter }} is full",
                "The exporter's sending queue is full, so new data for this pipeline is refused and lost (otelcol_exporter_enqueue_failed_*). Its output is down or too slow; other pipelines are not affected."),
            RuleConfig.OwnAlert("OtelCollectorExportFailing",
                $"sum by (collector, pod, exporter) (rate({{__name__=~\"{Failed}\", job=\"{JobName}\"}}[10m]))\n  / (sum by (collector, pod, exporter) (rate({{__name__=~\"{Sent}\", job=\"{JobName}\"}}[10m])) + sum by (collector, pod, exporter) (rate({{__name__=~\"{Failed}\", job=\"{JobName}\"}}[10m])))\n  > 0.01",
                "15m", "warning",
                "{{ $labels.collector }} {{ $labels.pod }} loses {{ $value | humanizePercentage }} of the data sent by {{ $labels.exporter }}",
                "Sending kept failing until the pipeline's retry budget (retryFor) ran out, so part of its data was dropped (otelcol_exporter_send_failed_*)."),
            RuleConfig.OwnAlert("OtelCollectorRefusingData",
                $"sum by (collector, pod, receiver) (rate({{__name__=~\"otelcol_receiver_refused_(log_records|spans|metric_points)_total\", job=\"{JobName}\"}}[5m])) > 0",
                "10m", "warning",
                "{{ $labels.collector }} {{ $labels.pod }} refuses data at {{ $labels.receiver }}",
                "The receiver refuses data (memory limit reached, or throttled); senders must retry, and data they cannot keep is lost."),
            RuleConfig.OwnAlert("OtelCollectorQueueNearlyFull",
                $"max by (collector, pod, exporter) (otelcol_exporter_queue_size{{job=\"{JobName}\"}} / otelcol_exporter_queue_capacity{{job=\"{JobName}\"}}) > 0.8",
                "10m", "warning",
                "The queue of {{ $labels.exporter }} on {{ $labels.collector }} {{ $labels.pod }} is {{ $value | humanizePercentage }} full",
                "The output is slower than the input; when the queue is full, new data is dropped. Raise buffer.queueSize or fix the output."),
        ]);
}
