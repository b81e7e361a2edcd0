using System.Collections.Immutable;

namespace Telc.Model;

/// <summary>A cluster's alert routing: its Alertmanagers, each with the routes it serves.</summary>
public sealed record RoutingPlan(ImmutableArray<AlertmanagerPlan> Alertmanagers);
