using Telc.Emit.Grafana;
using Telc.Model;

namespace Telc.Diff;

/// <summary>
/// The datasources each Grafana of a cluster is provisioned with. One no longer provisioned stays in Grafana's
/// database on its volume (provisioning adds and updates, it does not delete), so dashboards reading it keep reading a
/// backend that may be gone: a reviewer should know.
/// </summary>
public static class GrafanaChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        if (before is null || after is null)
        {
            return;
        }

        foreach (var grafana in after.Grafanas)
        {
            if (before.Grafanas.FirstOrDefault(g => g.Backend.Name == grafana.Backend.Name) is not { } old)
            {
                continue;
            }

            changes.Match(
                old.Datasources.ToDictionary(d => d.Name, StringComparer.Ordinal),
                grafana.Datasources.ToDictionary(d => d.Name, StringComparer.Ordinal),
                (name, _) => changes.Add(ChangeArea.Datasource, Subject(grafana, name), ChangeKind.Added, $"provisioned with uid {GrafanaUid.Datasource(name)}", Risk.Low),
                (name, _) => changes.Add(ChangeArea.Datasource, Subject(grafana, name), ChangeKind.Removed,
                    "no longer provisioned: Grafana keeps it in its database until it is deleted there, and dashboards reading it keep reading it", Risk.Medium),
                (_, _, _) => { });
        }
    }

    private static string Subject(GrafanaPlan grafana, string datasource) => $"{datasource} (Grafana {grafana.Backend.Name})";
}
