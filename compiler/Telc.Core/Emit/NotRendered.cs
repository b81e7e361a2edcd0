using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Policies;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Emit;

/// <summary>
/// Names what the spec accepts but this version of telc does not render (TELC501), so nothing a user writes is dropped
/// in silence: documents no registered emitter renders (<see cref="Emitters"/>), and parts of rendered documents that
/// change nothing in the output.
/// </summary>
public static class NotRendered
{
    private const string ZipkinInMemoryHint = "to keep a Zipkin's spans for a time, store them in Elasticsearch: set its elasticsearch to an Elasticsearch backend";

    private const string Hint = "nothing to change in the spec; this version of telc renders the metrics and alerting stack, the collectors, Loki, Tempo, Jaeger, Zipkin, Elasticsearch with Kibana, Kafka as a buffer, InfluxDB, Grafana with its datasources and dashboards, and the presets Clusters and the Project switch on";

    /// <summary>The TELC501 info naming the part.</summary>
    public static Diagnostic Info(UnrenderedPart part) =>
        Diagnostic.At(DiagnosticCatalogue.NotRenderedYet, part.Location,
            $"{part.What} {(part.Fields.Length > 1 ? "are" : "is")} checked but not rendered by this version of telc{(part.Why is null ? string.Empty : $": {part.Why}")}",
            part.Hint ?? Hint);

    /// <summary>Every document, and every part of a rendered document, that changes nothing in the output.</summary>
    /// <param name="objects">The objects emitted for the clusters, whose sources are the documents objects are rendered from.</param>
    public static IEnumerable<UnrenderedPart> Parts(SpecModel model, IEnumerable<RenderedObject> objects)
    {
        var renderedFrom = objects.Select(o => o.Source).ToHashSet();
        if (model.OfKind<ProjectSpec>().FirstOrDefault() is { Spec.GitOps.Flavour: not GitOpsFlavour.None } project)
        {
            renderedFrom.Add(project.Resource.Location);
        }

        // A preset's dashboards in a spec with no Grafana are the catalog's to offer, not something the spec wrote.
        return model.Resources.Where(r => r.Origin is null).SelectMany(resource => Parts(model, resource, renderedFrom));
    }

    private static IEnumerable<UnrenderedPart> Parts(SpecModel model, Resource resource, IReadOnlySet<SourceLocation> renderedFrom)
    {
        if (!Emitters.AnyRenders(model, resource))
        {
            yield return resource.Spec is DashboardSpec { Preset: { } preset }
                ? new UnrenderedPart(resource, [], resource.DisplayName, $"a preset's dashboards come with the preset, where a Cluster or the Project switches it on",
                    $"switch {preset.Name}@{preset.Version} on in the Cluster or the Project instead, and leave this document out")
                : new UnrenderedPart(resource, [], resource.Spec switch
                {
                    BackendSpec backend => $"Backend '{resource.Name}' ({BackendTypes.Name(BackendTypes.TypeOf(backend))})",
                    AlertGroupSpec group when BackendTypes.EvaluatorOf(model, group) is { } backend => $"{resource.DisplayName} (rules for the {BackendTypes.Name(BackendTypes.TypeOf(backend))} ruler)",
                    _ => resource.DisplayName,
                }, null, null);
            yield break;
        }

        // Parts of documents that are rendered otherwise.
        if (!renderedFrom.Contains(resource.Location) && Written(resource, "metadata", "labels", "annotations") is { Count: > 0 } metadata)
        {
            yield return new UnrenderedPart(resource, [.. metadata.Select(f => $"metadata.{f}")],
                $"{string.Join(" and ", metadata.Select(f => $"metadata.{f}"))} of {resource.DisplayName}",
                "no Kubernetes object is rendered from this document itself (its settings go into the objects of the backends that use it)",
                "a document's labels and annotations go onto the objects whose telc.io/source annotation points at it; leave them out here");
        }

        switch (resource.Spec)
        {
            case MetricPipelineSpec pipeline:
                if (pipeline.Input.Otlp is not { Enabled: true } && UnrenderedBufferFields(model, resource, pipeline) is { Count: > 0 } fields)
                {
                    yield return new UnrenderedPart(resource, [.. fields.Select(f => $"spec.buffer.{f}")],
                        $"{string.Join(" and ", fields.Select(f => $"buffer.{f}"))} of {resource.DisplayName}",
                        "Prometheus keeps a pipeline's queue in its write-ahead log and retries sending until the log moves on; "
                        + "only a queue size for a remote-write output is rendered (queue_config.capacity)",
                        "leave the fields out, or keep them for when telc renders this pipeline's own agent");
                }

                break;
            case BackendSpec { External: { } external } when SchemeDecidesTls(external) is { } protocol && Written(resource, $"spec.external.{protocol}.tls", "insecure") is { Count: > 0 }:
                yield return new UnrenderedPart(resource, [$"spec.external.{protocol}.tls.insecure"], $"tls.insecure of {resource.DisplayName}",
                    "the URL's scheme decides whether TLS is used (http:// or https://); only an OTLP gRPC endpoint written grpc:// takes tls.insecure",
                    "leave insecure out; write the URL with http:// to send without TLS");
                break;
            case TeamSpec { Budgets: not null }:
                yield return new UnrenderedPart(resource, ["spec.budgets"], $"spec.budgets of {resource.DisplayName}", null, null);
                break;
            case RetentionPolicySpec policy:
                // Rules no store enforces are errors (RetentionEnforcement); here, those only some of the stores they reach can apply.
                var numbered = policy.Rules.Select((rule, index) => (Rule: rule, Index: index, Stores: RetentionEnforcement.Stores(model, rule).ToArray())).ToArray();
                var partialSizes = numbered.Where(r => r.Rule.Size is not null && r.Stores.Any(s => s.Retention.BySize) && r.Stores.Any(s => !s.Retention.BySize)).ToArray();
                string[] sizesIgnored = [.. partialSizes.Select(r => $"spec.rules[{r.Index}].size")];
                string[] ageOnly = [.. partialSizes.SelectMany(r => r.Stores.Where(s => !s.Retention.BySize).Select(s => s.Retention.Store)).Distinct().Order(StringComparer.Ordinal)];
                if (sizesIgnored.Length > 0)
                {
                    yield return new UnrenderedPart(resource, [.. sizesIgnored], $"{string.Join(" and ", sizesIgnored)} of {resource.DisplayName} for {string.Join(" and ", ageOnly)}",
                        $"{string.Join(" and ", ageOnly)} {(ageOnly.Length == 1 ? "deletes" : "delete")} by age only (the stores that delete by size apply it)",
                        "to say what those stores keep, give them a rule of their own without a size, and the size a rule naming the store that enforces it");
                }

                string[] teamsInElasticsearch = [.. numbered
                    .Where(r => r.Rule is { Signal: Signal.Logs, Team: not null }
                        && r.Stores.Any(s => s.Retention.ByTeam) && r.Stores.Any(s => s.Backend.Spec is BackendSpec { Elasticsearch: not null }))
                    .Select(r => $"spec.rules[{r.Index}]")];
                if (teamsInElasticsearch.Length > 0)
                {
                    yield return new UnrenderedPart(resource, [.. teamsInElasticsearch], $"{string.Join(" and ", teamsInElasticsearch)} of {resource.DisplayName} for Elasticsearch",
                        "Elasticsearch keeps each log pipeline in a data stream of its own and deletes whole indices of it, so a team's namespaces cannot be kept for another time (Loki applies the rule)",
                        "for a team's own retention in Elasticsearch, give the team a log pipeline of its own and a rule for that backend");
                }

                // A rule other trace stores apply also reaches a Zipkin that keeps spans in memory, by count rather than age.
                string[] zipkinsInMemory = [.. numbered
                    .Where(r => r.Rule.Signal == Signal.Traces && r.Stores.Length > 0
                        && RetentionEnforcement.Backends(model, r.Rule).Any(b => b.Spec is BackendSpec { Zipkin.Elasticsearch: null }))
                    .Select(r => $"spec.rules[{r.Index}]")];
                if (zipkinsInMemory.Length > 0)
                {
                    yield return new UnrenderedPart(resource, [.. zipkinsInMemory], $"{string.Join(" and ", zipkinsInMemory)} of {resource.DisplayName} for Zipkin",
                        "a Zipkin that keeps spans in memory keeps the newest that fit, whatever their age (the trace stores that keep traces by age apply the rule)",
                        ZipkinInMemoryHint);
                }

                break;
            case BackendSpec { Loki: { } loki } when Written(resource, "spec.loki", "replicas") is { Count: > 0 }:
                yield return new UnrenderedPart(resource, ["spec.loki.replicas"], $"replicas of {resource.DisplayName}", "a single-binary Loki runs one replica", null);
                break;
            case BackendSpec { Zipkin: { } zipkin }:
                if (zipkin.Storage is not null)
                {
                    yield return new UnrenderedPart(resource, ["spec.zipkin.storage"], $"storage of {resource.DisplayName}",
                        "Zipkin has no store on a volume of its own: it keeps spans in memory, or in the Elasticsearch that elasticsearch names",
                        "leave storage out; to keep spans on disk, set elasticsearch to an Elasticsearch backend");
                }

                break;
        }
    }

    /// <summary>The protocol section of an external endpoint whose URL scheme alone decides TLS: all but OTLP over gRPC written grpc://.</summary>
    private static string? SchemeDecidesTls(ExternalBackend external) => external switch
    {
        { Otlp: { } otlp } => otlp.Protocol == OtlpProtocol.Grpc && otlp.Endpoint.StartsWith("grpc://", StringComparison.Ordinal) ? null : "otlp",
        { PrometheusRemoteWrite: not null } => "prometheusRemoteWrite",
        { Elasticsearch: not null } => "elasticsearch",
        { Loki: not null } => "loki",
        _ => "splunkHec",
    };

    /// <summary>The buffer fields the pipeline's YAML writes that change nothing: all but queueSize, and queueSize too unless it ships by remote write.</summary>
    private static List<string> UnrenderedBufferFields(SpecModel model, Resource resource, MetricPipelineSpec pipeline)
    {
        var shipsByRemoteWrite = model.OfKind<BackendSpec>().Any(b => b.Resource.Name == pipeline.Output.Backend.Value && b.Spec.External?.PrometheusRemoteWrite is not null);
        return [.. Written(resource, "spec.buffer", "queueSize", "retryFor", "persistent").Where(f => f != "queueSize" || !shipsByRemoteWrite)];
    }

    /// <summary>Which of the fields the document writes in the mapping at <paramref name="path"/> (dotted, from the root).</summary>
    private static List<string> Written(Resource resource, string path, params string[] fields) =>
        YamlPath.Find(resource.Document.Root, path)?.Value is YamlMapping mapping ? [.. fields.Where(f => mapping.Find(f) is not null)] : [];
}
