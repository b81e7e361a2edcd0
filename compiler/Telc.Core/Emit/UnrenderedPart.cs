using System.Collections.Immutable;
using Telc.Parsing;
using Telc.Spec;
using Telc.Text;

namespace Telc.Emit;

/// <summary>
/// Something the spec accepts that changes nothing in the output: a whole document (no <paramref name="Fields"/>) or
/// some of its fields, as paths from the document root (<c>spec.buffer.retryFor</c>, <c>spec.rules[2]</c>).
/// </summary>
/// <param name="What">How the info names it (<c>buffer.retryFor of MetricPipeline/apps</c>).</param>
/// <param name="Why">Why it is not rendered, when that is not simply "not yet".</param>
/// <param name="Hint">What to do about it, when that is not simply "nothing".</param>
public sealed record UnrenderedPart(Resource Resource, ImmutableArray<string> Fields, string What, string? Why, string? Hint)
{
    public bool IsWholeDocument => Fields.IsEmpty;

    /// <summary>Where the info points: the first field's key as written, or the document's name.</summary>
    public SourceLocation Location =>
        !Fields.IsEmpty && YamlPath.Find(Resource.Document.Root, Fields[0]) is (var key, var value)
            ? new SourceLocation(Resource.File, ((YamlNode?)key ?? value).Span)
            : Resource.Location;

    /// <summary>Whether a field (a path from the document root) lies inside this part.</summary>
    public bool Covers(string path) =>
        IsWholeDocument || Fields.Any(f => path == f || path.StartsWith(f + ".", StringComparison.Ordinal) || path.StartsWith(f + "[", StringComparison.Ordinal));
}
