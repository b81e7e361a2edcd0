namespace Telc.Spec;

/// <summary>What a reference to a backend wants from it.</summary>
public enum BackendUse
{
    MetricsOutput,
    LogsOutput,
    TracesOutput,
    Rules,
    Alertmanager,
    Grafana,
    Datasource,
    Retention,
    Scraper,
    SpanStore,
    Buffer,
}
