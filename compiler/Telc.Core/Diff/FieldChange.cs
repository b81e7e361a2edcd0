namespace Telc.Diff;

/// <summary>
/// One changed field of an object, by path (<c>spec.replicas</c>, <c>data["prometheus.yml"] › scrape_configs[job_name=x]</c>),
/// with the value on each side as display text (null where the field does not exist on that side).
/// </summary>
public sealed record FieldChange(string Path, ChangeKind Kind, string? Before, string? After)
{
    private const int SummarisedFields = 3;

    /// <summary>A value spans lines (a query, a template): formats show it line by line.</summary>
    public bool IsMultiline => (Before?.Contains('\n') ?? false) || (After?.Contains('\n') ?? false);

    /// <summary>The first few changes on one line, for a summary: "output.backend a → b; filter.dropMetrics[] + x; and 2 more".</summary>
    public static string Summarise(IReadOnlyList<FieldChange> fields)
    {
        var shown = string.Join("; ", fields.Take(SummarisedFields).Select(f => f.Kind switch
        {
            ChangeKind.Added => $"{f.Path} + {f.After}",
            ChangeKind.Removed => $"{f.Path} − {f.Before}",
            _ => $"{f.Path} {f.Before} → {f.After}",
        }));
        return fields.Count > SummarisedFields ? $"{shown}; and {fields.Count - SummarisedFields} more" : shown;
    }
}
