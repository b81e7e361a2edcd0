using Telc.Spec;

namespace Telc.Dashboards;

/// <summary>One query of a panel (a target in Grafana's JSON): its text where it is written and the data source it names.</summary>
public sealed record PanelQuery(Located<string> Text, DatasourceReference Datasource);
