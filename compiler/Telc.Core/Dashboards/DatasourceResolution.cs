using Telc.Spec;

namespace Telc.Dashboards;

/// <summary>
/// Which data source a query runs on: a backend the Grafana reads, one of Grafana's own, or nothing (with why).
/// <paramref name="Type"/> is the plugin type the reference asks for, when it says, so an unresolved query can
/// still be checked in its language.
/// </summary>
public sealed record DatasourceResolution(Resource? Backend, BackendType? Type, bool BuiltIn, string? Problem, DatasourceReference Reference)
{
    public static DatasourceResolution To(Resource backend, BackendType type, DatasourceReference reference) => new(backend, type, false, null, reference);

    public static DatasourceResolution Grafana(DatasourceReference reference) => new(null, null, true, null, reference);

    public static DatasourceResolution Nothing(BackendType? type, string problem, DatasourceReference reference) => new(null, type, false, problem, reference);
}
