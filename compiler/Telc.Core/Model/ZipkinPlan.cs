using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Model;

/// <summary>
/// A Zipkin server keeping spans in memory, or in <paramref name="Store"/> when its spec names an Elasticsearch (null
/// too when that Elasticsearch is not deployed to the cluster, which the checks refuse).
/// </summary>
public sealed record ZipkinPlan(Resource Backend, ZipkinBackend Spec, string ObjectName, ElasticsearchPlan? Store);
