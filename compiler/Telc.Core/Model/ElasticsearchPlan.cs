using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Model;

/// <summary>
/// An Elasticsearch cluster (with Kibana when the spec asks) and the data stream of each log pipeline that ships to
/// it, each kept for <paramref name="Retention"/>, from the most specific RetentionPolicy rule for logs.
/// </summary>
/// <param name="KibanaName">Kibana's objects, named for the backend as Elasticsearch's are: kibana-search.</param>
public sealed record ElasticsearchPlan(
    Resource Backend, ElasticsearchBackend Spec, string ObjectName, string KibanaName, Duration? Retention, ImmutableArray<LogDataStream> Streams);

/// <summary>
/// The data stream one log pipeline writes to, whichever agent reads its records: logs-DATASET-default, Elastic's
/// type-dataset-namespace scheme, with the pipeline's name as the dataset (its dashes, which the scheme keeps for
/// separators, as underscores: app-logs is logs-app_logs-default).
/// </summary>
public sealed record LogDataStream(Resource Pipeline, string Name)
{
    public static string NameOf(string pipeline) => $"logs-{pipeline.Replace('-', '_')}-default";

    public static LogDataStream Of(Resource pipeline) => new(pipeline, NameOf(pipeline.Name));
}
