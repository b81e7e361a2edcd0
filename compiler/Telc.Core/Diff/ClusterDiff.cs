using System.Collections.Immutable;

namespace Telc.Diff;

/// <summary>
/// Everything that changes in one cluster: the summary in telemetry terms and the object-level changes behind it.
/// <see cref="Name"/> is empty for the spec-wide group and for GitOps objects outside the cluster folders.
/// </summary>
public sealed record ClusterDiff(string Name, string? Environment, ImmutableArray<TelemetryChange> Changes, ImmutableArray<ObjectDiff> Objects)
{
    public bool HasChanges => !Changes.IsEmpty || !Objects.IsEmpty;

    public Risk? HighestRisk => Changes.IsEmpty ? (Objects.IsEmpty ? null : Risk.Low) : Changes.Max(c => c.Risk);

    public string DisplayName => Name.Length == 0 ? "spec and GitOps" : Name;
}
