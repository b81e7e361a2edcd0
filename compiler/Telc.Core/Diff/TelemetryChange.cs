namespace Telc.Diff;

/// <summary>
/// One line of the summary: <c>alert PaymentsHighErrorRate: threshold 0.05 → 0.1</c>, with its risk class.
/// <see cref="Cluster"/> is empty for spec-wide changes that no cluster renders yet (log pipelines, dashboards).
/// </summary>
public sealed record TelemetryChange(string Cluster, ChangeArea Area, string Subject, ChangeKind Kind, string Description, Risk Risk);
