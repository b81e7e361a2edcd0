using Telc.Spec;

namespace Telc.Model;

/// <summary>
/// A dashboard one Grafana of the cluster provisions: the document, the Grafana, the folder it goes in (the owning
/// team's, the document's own, or the platform's), its uid and its JSON file with data sources pointing at that Grafana's.
/// </summary>
public sealed record DashboardPlan(Resource Dashboard, string Grafana, string Folder, string Uid, string Json);
