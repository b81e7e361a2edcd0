namespace Telc.Diff;

/// <summary>What a summary line is about, in the words of the spec rather than of Kubernetes.</summary>
public enum ChangeArea
{
    Cluster,
    Component,
    Alert,
    RecordingRule,
    Receiver,
    Route,
    Retention,
    ScrapeJob,
    Output,
    Pipeline,
    Dashboard,
    Slo,
    Datasource,
}
