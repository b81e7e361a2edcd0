using System.Collections.Immutable;
using Telc.Text;

namespace Telc.Dashboards;

/// <summary>A panel as the checks and the diff see it: its type, title, where it is written, its data source and its queries.</summary>
public sealed record DashboardPanel(string Type, string Title, SourceLocation Location, DatasourceReference Datasource, ImmutableArray<PanelQuery> Queries);
