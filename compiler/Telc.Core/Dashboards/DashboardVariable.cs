namespace Telc.Dashboards;

/// <summary>
/// A template variable a dashboard defines (or an import input such as DS_PROMETHEUS); for a data source variable,
/// <paramref name="DatasourceType"/> is the plugin type it picks from.
/// </summary>
public sealed record DashboardVariable(string Name, string? DatasourceType);
