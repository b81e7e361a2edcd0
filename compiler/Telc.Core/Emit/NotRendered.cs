using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit;

/// <summary>
/// Names what the spec accepts but this version of telc does not render (TELC501), so nothing a user writes is dropped
/// in silence: documents no registered emitter renders (<see cref="Emitters"/>), and parts of rendered documents that
/// change nothing in the output.
/// </summary>
public static class NotRendered
{
    private const string Hint = "nothing to change in the spec; this version of telc renders only the metrics and alerting stack";

    public static IEnumerable<Diagnostic> In(SpecModel model)
    {
        foreach (var resource in model.Resources)
        {
            foreach (var (what, why) in Parts(model, resource))
            {
                yield return Diagnostic.At(DiagnosticCatalogue.NotRenderedYet, resource.Location,
                    $"{what} is checked but not rendered by this version of telc{(why is null ? string.Empty : $": {why}")}",
                    why is null ? Hint : "leave the fields out, or keep them for when telc renders this pipeline's own agent");
            }
        }
    }

    private static IEnumerable<(string What, string? Why)> Parts(SpecModel model, Resource resource)
    {
        if (!Emitters.AnyRenders(model, resource))
        {
            yield return (resource.Spec switch
            {
                BackendSpec backend => $"Backend '{resource.Name}' ({BackendTypes.TypeOf(backend)})",
                AlertGroupSpec group when BackendTypes.EvaluatorOf(model, group) is { } backend => $"{resource.DisplayName} (rules for the {BackendTypes.TypeOf(backend)} ruler)",
                _ => resource.DisplayName,
            }, null);
            yield break;
        }

        // Parts of documents that are rendered otherwise.
        switch (resource.Spec)
        {
            case MetricPipelineSpec pipeline:
                if (pipeline.Input.Otlp is { Enabled: true })
                {
                    yield return ($"the OTLP input of {resource.DisplayName}", null);
                }

                if (UnrenderedBufferFields(model, resource, pipeline) is { Count: > 0 } fields)
                {
                    yield return ($"{string.Join(" and ", fields.Select(f => $"buffer.{f}"))} of {resource.DisplayName}",
                        "Prometheus keeps a pipeline's queue in its write-ahead log and retries sending until the log moves on; "
                        + "only a queue size for a remote-write output is rendered (queue_config.capacity)");
                }

                break;
            case TeamSpec { Budgets: not null }:
                yield return ($"the budgets of {resource.DisplayName}", null);
                break;
            case RetentionPolicySpec policy when policy.Rules.Any(r => r.Team is not null || r.Signal != Signal.Metrics):
                yield return ($"the team, log and trace rules of {resource.DisplayName}", null);
                break;
        }
    }

    /// <summary>The buffer fields the pipeline's YAML writes that change nothing: all but queueSize, and queueSize too unless it ships by remote write.</summary>
    private static List<string> UnrenderedBufferFields(SpecModel model, Resource resource, MetricPipelineSpec pipeline)
    {
        var written = (resource.Document.Root as YamlMapping)?.Find("spec")?.Value is YamlMapping spec && spec.Find("buffer")?.Value is YamlMapping buffer
            ? buffer.Entries.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal)
            : [];
        var shipsByRemoteWrite = model.OfKind<BackendSpec>().Any(b => b.Resource.Name == pipeline.Output.Backend.Value && b.Spec.External?.PrometheusRemoteWrite is not null);
        return [.. new[] { "queueSize", "retryFor", "persistent" }.Where(f => written.Contains(f) && (f != "queueSize" || !shipsByRemoteWrite))];
    }
}
