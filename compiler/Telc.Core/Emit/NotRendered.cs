using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit;

/// <summary>
/// Names what the spec accepts but this version of telc does not render (TELC501), so nothing a user writes is dropped
/// in silence: documents of kinds no emitter handles yet, and fields that change nothing in the output.
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
                    $"{what} is checked but not rendered by this version of telc{(why is null ? string.Empty : $": {why}")}", why is null ? Hint : null);
            }
        }
    }

    private static IEnumerable<(string What, string? Why)> Parts(SpecModel model, Resource resource)
    {
        switch (resource.Spec)
        {
            case BackendSpec backend when backend.Prometheus is null && backend.Alertmanager is null && backend.External?.PrometheusRemoteWrite is null:
                yield return ($"Backend '{resource.Name}' ({BackendTypes.TypeOf(backend)})", null);
                break;
            case LogPipelineSpec or TracePipelineSpec or DashboardSpec or SloSpec:
                yield return (resource.DisplayName, null);
                break;
            case AlertGroupSpec group when EvaluatedBy(model, group) is { } backend && BackendTypes.TypeOf(backend) != "prometheus":
                yield return ($"{resource.DisplayName} (rules for the {BackendTypes.TypeOf(backend)} ruler)", null);
                break;
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

    private static BackendSpec? EvaluatedBy(SpecModel model, AlertGroupSpec group)
    {
        var name = group.Backend?.Value ?? BackendTypes.Default(model, BackendUse.Rules);
        return model.OfKind<BackendSpec>().FirstOrDefault(b => b.Resource.Name == name).Spec;
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
