using System.Text;

namespace Telc.Diff.Formatting;

/// <summary>
/// Finds object changes identical to one in an earlier cluster (the same rules ConfigMap edit in 50 clusters), so a
/// report prints the fields once and says "same as in prod-eu-1" after that.
/// </summary>
public sealed class RepeatedObjects
{
    private readonly Dictionary<ObjectDiff, string> firstSeenIn = new(ReferenceEqualityComparer.Instance);

    public RepeatedObjects(DiffReport report)
    {
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in report.Clusters.Where(c => c.Name.Length > 0))
        {
            foreach (var diff in cluster.Objects.Where(d => d.Fields.Length > 0))
            {
                var signature = Signature(diff);
                if (shown.TryGetValue(signature, out var earlier))
                {
                    firstSeenIn[diff] = earlier;
                }
                else
                {
                    shown[signature] = cluster.Name;
                }
            }
        }
    }

    /// <summary>The cluster whose identical change was shown first, or null when this is the first.</summary>
    public string? SameAs(ObjectDiff diff) => firstSeenIn.GetValueOrDefault(diff);

    private static string Signature(ObjectDiff diff)
    {
        var text = new StringBuilder().Append(diff.Identity.ApiVersion).Append('\0').Append(diff.Identity.Kind).Append('\0')
            .Append(diff.Identity.Namespace).Append('\0').Append(diff.Identity.Name).Append('\0').Append(diff.Kind);
        foreach (var field in diff.Fields)
        {
            text.Append('\0').Append(field.Path).Append('\0').Append(field.Kind).Append('\0').Append(field.Before).Append('\0').Append(field.After);
        }

        return text.ToString();
    }
}
