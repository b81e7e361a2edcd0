using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Model;

/// <summary>A cluster's log and trace stores: the backends that keep what the collectors ship.</summary>
public sealed record StoresPlan(ImmutableArray<LokiPlan> Lokis, ImmutableArray<ElasticsearchPlan> Elasticsearches);

/// <summary>
/// A single-binary Loki with its retention: <paramref name="Retention"/> for every stream, and longer or shorter
/// periods for the streams of teams (<paramref name="Streams"/>), from the most specific RetentionPolicy rules.
/// </summary>
public sealed record LokiPlan(Resource Backend, LokiBackend Spec, string ObjectName, Duration? Retention, ImmutableArray<LokiStreamRetention> Streams);

/// <summary>How long the streams of one team's namespaces are kept, from a RetentionPolicy rule for that team.</summary>
public sealed record LokiStreamRetention(string Team, ImmutableArray<string> Namespaces, int Priority, Duration Period);
