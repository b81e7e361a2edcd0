using System.Collections.Immutable;

namespace Telc.Policies;

/// <summary>
/// One alerting rule as one Prometheus of one cluster sends it: the labels Alertmanager receives (the rule's rendered
/// labels, <c>alertname</c> and the cluster's external labels; labels the query itself yields are not known before it
/// runs) and the receivers the rendered routing picks for them. <see cref="Alertmanager"/> is null, and
/// <see cref="Receivers"/> empty, when that Prometheus sends its alerts nowhere.
/// </summary>
public sealed record AlertDelivery(
    string Cluster, string Prometheus, string? Alertmanager, ImmutableSortedDictionary<string, string> Labels, ImmutableArray<string> Receivers);
