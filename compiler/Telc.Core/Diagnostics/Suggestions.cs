namespace Telc.Diagnostics;

/// <summary>"Did you mean …?" for misspelt names.</summary>
public static class Suggestions
{
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            var distance = IsAbbreviation(word, candidate) ? 1 : Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var allowed = Math.Max(1, Math.Min(word.Length, best?.Length ?? 0) / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>"prod" for "production", "alert" for "alertmanager": one name starts the other.</summary>
    private static bool IsAbbreviation(string a, string b) =>
        Math.Min(a.Length, b.Length) >= 3 && a.Length != b.Length &&
        (a.StartsWith(b, StringComparison.OrdinalIgnoreCase) || b.StartsWith(a, StringComparison.OrdinalIgnoreCase));

    /// <summary>" (did you mean 'x'?)" after a message, or nothing when no candidate is close.</summary>
    public static string Aside(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;

    /// <summary>A hint naming the closest candidate, or listing the candidates when there are few (in the order given).</summary>
    public static string? Hint(string word, IReadOnlyCollection<string> candidates, string noun)
    {
        if (Closest(word, candidates) is { } closest)
        {
            return $"did you mean '{closest}'?";
        }

        if (candidates.Count == 0)
        {
            return $"no {noun} is declared";
        }

        return candidates.Count <= 12
            ? $"known {noun}s: {string.Join(", ", candidates)}"
            : null;
    }

    /// <summary>Edit distance counting a swap of two neighbouring letters as one edit (gek → gke).</summary>
    internal static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3)
        {
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
