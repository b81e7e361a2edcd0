namespace Telc.Diff;

/// <summary>
/// One changed field of an object, by path (<c>spec.replicas</c>, <c>data["prometheus.yml"] › scrape_configs[job_name=x]</c>),
/// with the value on each side as display text (null where the field does not exist on that side).
/// </summary>
public sealed record FieldChange(string Path, ChangeKind Kind, string? Before, string? After);
