using Telc.Model;
using Telc.Output;
using static Telc.Output.OutTree;

namespace Telc.Emit.Elasticsearch;

/// <summary>
/// What the setup Job puts into an Elasticsearch for the Zipkin that stores its spans there. Zipkin makes a new index a
/// day and manages no retention ("use ILM"), so an index lifecycle policy deletes each index once the retention has
/// passed since it was made (no rollover: Zipkin names the indices itself). The policy is attached by index templates
/// that telc owns instead of Zipkin (which starts with ES_ENSURE_TEMPLATES=false): the same names, patterns and mappings
/// Zipkin 3.6.1 installs on Elasticsearch 7.8 and later (zipkin-storage/elasticsearch VersionSpecificTemplates.java,
/// with its defaults SEARCH_ENABLED and STRICT_TRACE_ID), plus the lifecycle setting. Zipkin's user, made after the
/// templates, may only read and write those indices, so it never writes an index the templates do not make.
/// </summary>
public static class ZipkinIndexSetup
{
    public const string User = "telc-zipkin";

    public const string Policy = "telc-zipkin";

    /// <summary>Zipkin's index types, each an index a day: ZIPKIN_INDEX-TYPE-YYYY-MM-DD.</summary>
    private static readonly string[] Types = ["span", "dependency", "autocomplete"];

    /// <summary>Zipkin's own mapping of a searched string: exact match only, without scoring norms.</summary>
    private static OutMap Keyword => Map(("type", "keyword"), ("norms", false));

    /// <summary>Its requests, in order; file names hold an underscore, which no pipeline's name may, so they never meet a pipeline's.</summary>
    public static IEnumerable<SetupRequest> Requests(ElasticsearchPlan plan, ZipkinIndices zipkin)
    {
        yield return new(SetupTarget.Elasticsearch, "PUT", $"_ilm/policy/{Policy}", "traces_zipkin.ilm.json", LifecyclePolicy(zipkin));
        foreach (var type in Types)
        {
            yield return new(SetupTarget.Elasticsearch, "PUT", $"_index_template/{ZipkinIndices.Prefix}-{type}_template", $"traces_zipkin-{type}.index-template.json",
                Template(type, plan.Spec.Replicas));
        }

        yield return new(SetupTarget.Elasticsearch, "PUT", $"_security/role/{User}", "traces_zipkin.role.json", Role());
    }

    /// <summary>The patterns of Zipkin's indices, one per type.</summary>
    public static IEnumerable<string> IndexPatterns => Types.Select(t => $"{ZipkinIndices.Prefix}-{t}-*");

    /// <summary>Deleted once the retention has passed since the index was made (a day's spans at most a day later); no delete phase keeps them.</summary>
    public static OutMap LifecyclePolicy(ZipkinIndices zipkin) => Map(("policy", Map(
        ("_meta", Meta(zipkin)),
        ("phases", Map(
            ("hot", Map(("min_age", "0ms"), ("actions", Map()))),
            ("delete", zipkin.Retention is null ? null : Map(("min_age", SetupRequests.TimeValue(zipkin.Retention)), ("actions", Map(("delete", Map()))))))))));

    public static OutMap Template(string type, int nodes) => Map(
        ("index_patterns", Seq($"{ZipkinIndices.Prefix}-{type}-*")),
        ("priority", SetupRequests.TemplatePriority),
        ("template", Map(
            ("settings", Map(
                ("index.lifecycle.name", Policy),
                ("index.number_of_shards", 1),
                ("index.number_of_replicas", nodes > 1 ? 1 : 0),
                ("index.requests.cache.enable", true))),
            ("mappings", type switch
            {
                "span" => SpanMappings(),
                "dependency" => Map(("enabled", false)),
                _ => Map(("enabled", true), ("properties", Map(("tagKey", Keyword), ("tagValue", Keyword)))),
            }))),
        ("_meta", Map(("managed_by", "telc"), ("zipkin", type))));

    /// <summary>Only the fields Zipkin searches are indexed; _q holds its tag query terms and is not kept in _source.</summary>
    private static OutMap SpanMappings() => Map(
        ("_source", Map(("excludes", Seq("_q")))),
        ("dynamic_templates", Seq(Map(("strings", Map(
            ("mapping", Map(("type", "keyword"), ("norms", false), ("ignore_above", 256))),
            ("match_mapping_type", "string"),
            ("match", "*")))))),
        ("properties", Map(
            ("traceId", Keyword),
            ("name", Keyword),
            ("localEndpoint", Map(("type", "object"), ("dynamic", false), ("properties", Map(("serviceName", Keyword))))),
            ("remoteEndpoint", Map(("type", "object"), ("dynamic", false), ("properties", Map(("serviceName", Keyword))))),
            ("timestamp_millis", Map(("type", "date"), ("format", "epoch_millis"))),
            ("duration", Map(("type", "long"))),
            ("annotations", Map(("enabled", false))),
            ("tags", Map(("enabled", false))),
            ("_q", Keyword))));

    /// <summary>What Zipkin asks of the cluster: its version and health (monitor), its daily indices made, written and searched.</summary>
    public static OutMap Role() => Map(
        ("cluster", Seq("monitor")),
        ("indices", Seq(Map(("names", Seq(IndexPatterns)), ("privileges", Seq("create_index", "read", "view_index_metadata", "write"))))),
        ("metadata", Map(("managed_by", "telc"))));

    private static OutMap Meta(ZipkinIndices zipkin) => Map(("managed_by", "telc"), ("zipkin", zipkin.Zipkin.Name));
}
