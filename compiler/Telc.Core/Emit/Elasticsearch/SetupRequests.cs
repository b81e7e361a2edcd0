using Telc.Model;
using Telc.Output;
using Telc.Spec.Values;
using static Telc.Output.OutTree;

namespace Telc.Emit.Elasticsearch;

/// <summary>
/// What the setup Job puts into an Elasticsearch (and its Kibana) for the log pipelines that ship to it: per pipeline an
/// index lifecycle policy (roll over daily or at 50 GB a primary shard, delete at the retention), an index template
/// making its data stream with that policy, and a Kibana data view; one component template whose mappings keep
/// Kubernetes labels and OTLP attributes with dots in their keys as flat keyword fields; the writer's role; and what a
/// Zipkin storing its spans there needs (<see cref="ZipkinIndexSetup"/>). All of it works on the free Basic licence.
/// </summary>
public static class SetupRequests
{
    /// <summary>Above the built-in logs template (priority 100 over logs-*-*), which the data streams would take otherwise.</summary>
    public const int TemplatePriority = 200;

    public const string MappingsTemplate = "telc-logs@mappings";

    /// <summary>Rolled over daily, logs are deleted at most a day after their retention.</summary>
    public const string RolloverAge = "1d";

    public const string RolloverShardSize = "50gb";

    public static IReadOnlyList<SetupRequest> For(ElasticsearchPlan plan)
    {
        var requests = new List<SetupRequest>
        {
            new(SetupTarget.Elasticsearch, "PUT", $"_component_template/{MappingsTemplate}", "logs-mappings.component-template.json", Mappings()),
        };
        foreach (var stream in plan.Streams)
        {
            var name = Name(stream);
            requests.Add(new(SetupTarget.Elasticsearch, "PUT", $"_ilm/policy/{name}", $"{stream.Pipeline.Name}.ilm.json", Policy(stream, plan.Retention)));
            requests.Add(new(SetupTarget.Elasticsearch, "PUT", $"_index_template/{name}", $"{stream.Pipeline.Name}.index-template.json", Template(stream, plan.Spec.Replicas)));
        }

        if (!plan.Streams.IsEmpty)
        {
            requests.Add(new(SetupTarget.Elasticsearch, "PUT", $"_security/role/{ElasticsearchWriter.User}", "writer.role.json", WriterRole(plan)));
        }

        if (plan.Zipkin is { } zipkin)
        {
            requests.AddRange(ZipkinIndexSetup.Requests(plan, zipkin));
        }

        if (plan.Spec.Kibana)
        {
            requests.AddRange(plan.Streams.Select(s =>
                new SetupRequest(SetupTarget.Kibana, "POST", "api/data_views/data_view", $"{s.Pipeline.Name}.data-view.json", DataView(s))));
        }

        return requests;
    }

    /// <summary>The ILM policy and index template of a pipeline's data stream: telc-logs-PIPELINE.</summary>
    public static string Name(LogDataStream stream) => $"telc-logs-{stream.Pipeline.Name}";

    /// <summary>
    /// Hot until the index rolls over, then deleted once <paramref name="retention"/> has passed since the rollover; no
    /// delete phase when nothing says how long to keep logs (they are kept, as Loki keeps them).
    /// </summary>
    public static OutMap Policy(LogDataStream stream, Duration? retention) => Map(("policy", Map(
        ("_meta", Meta(stream)),
        ("phases", Map(
            ("hot", Map(("min_age", "0ms"), ("actions", Map(("rollover", Map(("max_age", RolloverAge), ("max_primary_shard_size", RolloverShardSize))))))),
            ("delete", retention is null ? null : Map(("min_age", TimeValue(retention)), ("actions", Map(("delete", Map()))))))))));

    public static OutMap Template(LogDataStream stream, int nodes) => Map(
        ("index_patterns", Seq(stream.Name)),
        ("data_stream", Map()),
        ("priority", TemplatePriority),
        ("composed_of", Seq(MappingsTemplate)),
        ("template", Map(("settings", Map(
            ("index.lifecycle.name", Name(stream)),
            ("index.number_of_shards", 1),
            // A replica needs a second node; on one node it would leave every index yellow.
            ("index.number_of_replicas", nodes > 1 ? 1 : 0),
            // As Elastic's own logs settings: a value of another type than its field's, or a field past the limit, is
            // kept unindexed rather than the whole line refused.
            ("index.mapping.ignore_malformed", true),
            ("index.mapping.total_fields.ignore_dynamic_beyond_limit", true))))),
        ("_meta", Meta(stream)));

    /// <summary>
    /// Where the collectors (OTLP attributes, in the exporter's otel mapping) and Fluent Bit (Kubernetes labels and
    /// annotations) put keys with dots: without subobjects: false, app and app.kubernetes.io/name would both want the
    /// path app, and the second document would be refused. Strings become keywords, nested values flattened fields.
    /// </summary>
    public static OutMap Mappings()
    {
        string[] dotted = ["attributes", "resource.attributes", "scope.attributes", "kubernetes.labels", "kubernetes.annotations"];
        var flat = Map(("type", "object"), ("subobjects", false));
        return Map(
            ("template", Map(("mappings", Map(
                ("dynamic_templates", Seq(
                    Map(("dotted_keys_as_keywords", Map(
                        ("path_match", Seq(dotted.Select(d => d + ".*"))), ("match_mapping_type", "string"), ("mapping", Map(("type", "keyword"), ("ignore_above", 1024)))))),
                    Map(("dotted_keys_nested_values", Map(
                        ("path_match", Seq(dotted.Select(d => d + ".*"))), ("match_mapping_type", "object"), ("mapping", Map(("type", "flattened")))))))),
                ("properties", Map(
                    ("@timestamp", Map(("type", "date_nanos"))),
                    ("attributes", flat),
                    ("resource", Map(("properties", Map(("attributes", flat))))),
                    ("scope", Map(("properties", Map(("attributes", flat))))),
                    ("kubernetes", Map(("properties", Map(("labels", flat), ("annotations", flat))))),
                    ("body", Map(("properties", Map(("text", Map(("type", "match_only_text"))))))),
                    ("log", Map(("type", "match_only_text"))))))))),
            ("_meta", Map(("managed_by", "telc"))));
    }

    /// <summary>What the writer user may do: create documents in the pipelines' data streams (and create those from their templates), nothing else.</summary>
    public static OutMap WriterRole(ElasticsearchPlan plan) => Map(
        ("cluster", Seq("monitor")),
        ("indices", Seq(Map(("names", Seq(plan.Streams.Select(s => s.Name))), ("privileges", Seq("auto_configure", "create_doc"))))),
        ("metadata", Map(("managed_by", "telc"))));

    /// <summary>A data view per pipeline, with a fixed id so links to it survive; override makes a second POST replace the first.</summary>
    public static OutMap DataView(LogDataStream stream) => Map(
        ("data_view", Map(("id", Name(stream)), ("name", $"Logs of {stream.Pipeline.Name}"), ("title", stream.Name), ("timeFieldName", "@timestamp"))),
        ("override", true));

    /// <summary>A duration as Elasticsearch writes time values, in the largest unit that keeps it whole (it has no w or y).</summary>
    public static string TimeValue(Duration duration)
    {
        var value = duration.Value;
        return value switch
        {
            _ when value.Ticks % TimeSpan.TicksPerDay == 0 => $"{(long)value.TotalDays}d",
            _ when value.Ticks % TimeSpan.TicksPerHour == 0 => $"{(long)value.TotalHours}h",
            _ when value.Ticks % TimeSpan.TicksPerMinute == 0 => $"{(long)value.TotalMinutes}m",
            _ when value.Ticks % TimeSpan.TicksPerSecond == 0 => $"{(long)value.TotalSeconds}s",
            _ => $"{(long)value.TotalMilliseconds}ms",
        };
    }

    private static OutMap Meta(LogDataStream stream) => Map(("managed_by", "telc"), ("pipeline", stream.Pipeline.Name));
}
