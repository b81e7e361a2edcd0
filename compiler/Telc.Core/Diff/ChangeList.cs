namespace Telc.Diff;

/// <summary>Collects the summary lines of one cluster (or of the spec) while the comparers walk both sides.</summary>
public sealed class ChangeList(string cluster)
{
    private readonly List<TelemetryChange> changes = [];

    public string Cluster => cluster;

    public IReadOnlyList<TelemetryChange> Changes => changes;

    public void Add(ChangeArea area, string subject, ChangeKind kind, string description, Risk risk) =>
        changes.Add(new TelemetryChange(cluster, area, subject, kind, description, risk));

    /// <summary>Reports what is only on one side of two keyed sets, and hands the keys on both sides to <paramref name="changed"/>.</summary>
    public void Match<T>(
        IReadOnlyDictionary<string, T> before,
        IReadOnlyDictionary<string, T> after,
        Action<string, T> added,
        Action<string, T> removed,
        Action<string, T, T> changed)
    {
        foreach (var key in after.Keys.Order(StringComparer.Ordinal))
        {
            if (before.TryGetValue(key, out var old))
            {
                changed(key, old, after[key]);
            }
            else
            {
                added(key, after[key]);
            }
        }

        foreach (var key in before.Keys.Where(k => !after.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            removed(key, before[key]);
        }
    }
}
