using Telc.Dashboards;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Diff;

/// <summary>
/// What changed in a dashboard as its users see it, whether the document or its JSON file changed: panels added and
/// removed (by title), a panel's type or queries changed, the title changed.
/// </summary>
public static class DashboardChanges
{
    public static IReadOnlyList<string> Compare(SpecModel before, Resource old, SpecModel after, Resource current)
    {
        var was = DashboardSources.Read(before, old, (DashboardSpec)old.Spec, []);
        var now = DashboardSources.Read(after, current, (DashboardSpec)current.Spec, []);
        if (was is null || now is null)
        {
            return [];
        }

        var changes = new List<string>();
        if ((was.Title ?? string.Empty) != (now.Title ?? string.Empty))
        {
            changes.Add($"title '{was.Title}' → '{now.Title}'");
        }

        var oldPanels = Keyed(was);
        var newPanels = Keyed(now);
        changes.AddRange(newPanels.Keys.Where(k => !oldPanels.ContainsKey(k)).Select(k => $"panel '{k}' added"));
        changes.AddRange(oldPanels.Keys.Where(k => !newPanels.ContainsKey(k)).Select(k => $"panel '{k}' removed"));
        foreach (var (key, panel) in newPanels.Where(p => oldPanels.ContainsKey(p.Key)))
        {
            var previous = oldPanels[key];
            if (previous.Type != panel.Type)
            {
                changes.Add($"panel '{key}' is a {panel.Type} (was {previous.Type})");
            }

            if (!previous.Queries.Select(q => q.Text.Value).SequenceEqual(panel.Queries.Select(q => q.Text.Value), StringComparer.Ordinal))
            {
                changes.Add($"query of panel '{key}' changed");
            }
        }

        return changes;
    }

    /// <summary>Panels by title; a title used twice gets its position (#2) so each panel has one key.</summary>
    private static Dictionary<string, DashboardPanel> Keyed(DashboardContent content)
    {
        var keyed = new Dictionary<string, DashboardPanel>(StringComparer.Ordinal);
        foreach (var panel in content.Panels.Where(p => p.Type != "row"))
        {
            var key = panel.Title;
            for (var n = 2; keyed.ContainsKey(key); n++)
            {
                key = $"{panel.Title} #{n}";
            }

            keyed[key] = panel;
        }

        return keyed;
    }
}
