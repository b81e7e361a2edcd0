namespace Telc.Diff;

/// <summary>
/// Pairs the items of two sides in passes, each with its own key: the first pass by the strictest identity, later
/// ones by looser keys among what is still unpaired. A pass marked unique pairs a key only when exactly one item on
/// each side has it, so a loose key never guesses between candidates.
/// </summary>
public static class Pairing
{
    public static (IReadOnlyList<(T Before, T After)> Pairs, IReadOnlyList<T> Removed, IReadOnlyList<T> Added) Pair<T>(
        IReadOnlyList<T> before, IReadOnlyList<T> after, params (Func<T, string> Key, bool UniqueOnly)[] passes)
        where T : class
    {
        var pairs = new List<(T Before, T After)>();
        var paired = new HashSet<T>(ReferenceEqualityComparer.Instance);
        foreach (var (key, uniqueOnly) in passes)
        {
            var waiting = before.Where(r => !paired.Contains(r)).GroupBy(key).ToDictionary(g => g.Key, g => new Queue<T>(g), StringComparer.Ordinal);
            var candidates = after.Where(r => !paired.Contains(r)).ToArray();
            var counts = uniqueOnly ? candidates.GroupBy(key).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal) : null;
            foreach (var item in candidates)
            {
                var name = key(item);
                if (waiting.TryGetValue(name, out var queue) && (counts is null || (counts[name] == 1 && queue.Count == 1)) && queue.TryDequeue(out var match))
                {
                    pairs.Add((match, item));
                    paired.Add(match);
                    paired.Add(item);
                }
            }
        }

        return (pairs, [.. before.Where(r => !paired.Contains(r))], [.. after.Where(r => !paired.Contains(r))]);
    }

    /// <summary>
    /// The passes for the servers of a cluster (Prometheus, Alertmanager): by object name, then the one left on each
    /// side is the same server renamed (its backend was renamed).
    /// </summary>
    public static (Func<T, string> Key, bool UniqueOnly)[] ByNameThenSoleServer<T>(Func<T, string> objectName) =>
        [(objectName, false), (_ => string.Empty, true)];
}
