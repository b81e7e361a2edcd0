using System.Collections.Immutable;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Model;

/// <summary>
/// An Elasticsearch cluster (with Kibana when the spec asks) and the data stream of each log pipeline that ships to
/// it, each kept for <paramref name="Retention"/>, from the most specific RetentionPolicy rule for logs; and the
/// indices of the Zipkin that stores its spans there, if one does.
/// </summary>
/// <param name="KibanaName">Kibana's objects, named for the backend as Elasticsearch's are: kibana-search.</param>
public sealed record ElasticsearchPlan(
    Resource Backend, ElasticsearchBackend Spec, string ObjectName, string KibanaName, Duration? Retention, ImmutableArray<LogDataStream> Streams,
    ZipkinIndices? Zipkin = null)
{
    /// <summary>Whether anything writes to it as a user the setup Job makes with the writer's password.</summary>
    public bool HasWriters => !Streams.IsEmpty || Zipkin is not null;
}

/// <summary>
/// The daily indices a Zipkin writes its spans to (ZIPKIN_INDEX-span-YYYY-MM-DD, and -dependency-, -autocomplete-),
/// deleted <paramref name="Retention"/> after they were made (from the most specific RetentionPolicy rule for traces of
/// that Zipkin, else its own retention), or kept when nothing says how long.
/// </summary>
public sealed record ZipkinIndices(Resource Zipkin, Duration? Retention)
{
    /// <summary>Zipkin's own default prefix (ES_INDEX), kept so its indices have the names its tools know.</summary>
    public const string Prefix = "zipkin";
}

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
