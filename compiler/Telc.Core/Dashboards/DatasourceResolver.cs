using System.Collections.Immutable;
using Telc.Emit.Grafana;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Dashboards;

/// <summary>
/// Resolves the data source references of one dashboard against the backends one Grafana reads. A query names its
/// own, else its panel's, else the dashboard's default (the document's datasource, else Grafana's default: the first
/// Prometheus). A reference by plugin type, import input or data source variable goes to the document's datasource
/// when it has that type, else to the first backend of that type; by uid or name to that backend.
/// </summary>
public sealed class DatasourceResolver(ImmutableArray<(Resource Backend, BackendSpec Spec)> reads, string? documentDefault, ImmutableArray<DashboardVariable> variables)
{
    public DatasourceResolution Resolve(DatasourceReference query, DatasourceReference panel)
    {
        var reference = query.Kind != DatasourceReferenceKind.Inherited ? query : panel;
        switch (reference.Kind)
        {
            case DatasourceReferenceKind.BuiltIn:
                return DatasourceResolution.Grafana(reference);
            case DatasourceReferenceKind.Variable:
                var variable = variables.FirstOrDefault(v => v.Name == reference.Value);
                if (variable is null)
                {
                    return DatasourceResolution.Nothing(TypeOf(reference.Type), $"the data source is the variable '${reference.Value}', which the dashboard does not define", reference);
                }

                return ByType(variable.DatasourceType ?? reference.Type, reference);
            case DatasourceReferenceKind.Fixed:
                var named = reads.FirstOrDefault(r => reference.Value == r.Backend.Name || reference.Value == GrafanaUid.Datasource(r.Backend.Name));
                if (named.Backend is not null)
                {
                    return DatasourceResolution.To(named.Backend, BackendTypes.TypeOf(named.Spec), reference);
                }

                // Old dashboards name a data source by what it is ("Prometheus"); exports keep the uid of the exporter's Grafana.
                return reference.Type is not null || DatasourcePlugins.TypeOf(reference.Value ?? string.Empty) is not null
                    ? ByType(reference.Type ?? reference.Value, reference)
                    : DatasourceResolution.Nothing(null, $"no data source is called '{reference.Value}'", reference);
            default:
                var fallback = documentDefault is not null && reads.Any(r => r.Backend.Name == documentDefault)
                    ? reads.First(r => r.Backend.Name == documentDefault)
                    : reads.FirstOrDefault(r => r.Spec.Prometheus is not null);
                return fallback.Backend is not null
                    ? DatasourceResolution.To(fallback.Backend, BackendTypes.TypeOf(fallback.Spec), reference)
                    : DatasourceResolution.Nothing(null, "the query names no data source and the Grafana has no default one (a Prometheus)", reference);
        }
    }

    private DatasourceResolution ByType(string? plugin, DatasourceReference reference)
    {
        if (plugin is null || plugin.StartsWith('$'))
        {
            return Resolve(DatasourceReference.Inherited, DatasourceReference.Inherited) with { Reference = reference };
        }

        if (DatasourcePlugins.TypeOf(plugin) is not { } type)
        {
            return DatasourceResolution.Nothing(null, $"telc provisions no '{plugin}' data source", reference);
        }

        var candidates = reads.Where(r => BackendTypes.TypeOf(r.Spec) == type).ToArray();
        var chosen = candidates.FirstOrDefault(c => c.Backend.Name == documentDefault);
        chosen = chosen.Backend is null ? candidates.FirstOrDefault() : chosen;
        return chosen.Backend is not null
            ? DatasourceResolution.To(chosen.Backend, type, reference)
            : DatasourceResolution.Nothing(type, $"the Grafana reads no {plugin} data source", reference);
    }

    private static BackendType? TypeOf(string? plugin) => plugin is null ? null : DatasourcePlugins.TypeOf(plugin);
}
