using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Policies;
using Telc.Spec;

namespace Telc.Semantics;

/// <summary>
/// The names of the objects actually emitted for each cluster, not names guessed from the spec: two objects that are
/// the same Kubernetes object (one would replace the other, and kustomize refuses the tree), and names or label
/// values longer than Kubernetes accepts.
/// </summary>
public static class RenderedNameChecks
{
    /// <summary>Label values, and so the names telc uses as the app.kubernetes.io/instance label, are at most 63 characters.</summary>
    private const int MaxLabelValue = 63;

    /// <summary>
    /// A StatefulSet's pods carry a controller-revision-hash label of its name, a dash and a 10-character hash, which
    /// must fit in a label value too (kubernetes/kubernetes#64023).
    /// </summary>
    private const int MaxStatefulSetName = MaxLabelValue - 11;

    public static IEnumerable<Diagnostic> Check(SpecModel model, ImmutableArray<RenderedObject> objects)
    {
        var documents = model.Resources.GroupBy(r => r.Location).ToDictionary(g => g.Key, g => g.First());
        string From(RenderedObject o) => documents.TryGetValue(o.Source, out var resource) ? resource.DisplayName : o.Source.ToString();

        // One error per pair of documents, however many objects and clusters they collide in.
        var collisions = objects.GroupBy(o => (o.Cluster, o.Object.Kind, o.Object.Metadata.Namespace, o.Object.Metadata.Name))
            .Where(g => g.Count() > 1)
            .Select(g => (First: g.First(), Second: g.Skip(1).First()))
            .GroupBy(c => (c.First.Source, c.Second.Source));
        foreach (var pair in collisions)
        {
            var (first, second) = pair.First();
            var more = pair.Count() - 1;
            yield return Diagnostic.At(DiagnosticCatalogue.RenderedNameConflict, second.Source,
                $"{From(first)} and {From(second)} would both render {first.Object.Kind} '{first.Object.Metadata.Name}' in cluster '{first.Cluster}'"
                + (more > 0 ? $" (and {more} more objects of the same names)" : string.Empty),
                "rename one of them");
        }

        // One error per document: the first of its objects with a name too long says what to shorten.
        var tooLongNames = objects.Select(o => (Object: o, Past: TooLong(o))).Where(o => o.Past is not null).GroupBy(o => o.Object.Source).Select(g => g.First());
        foreach (var (tooLong, past) in tooLongNames)
        {
            var (value, limit) = past!.Value;
            yield return Diagnostic.At(DiagnosticCatalogue.RenderedNameTooLong, tooLong.Source,
                $"{tooLong.Object.Kind} '{tooLong.Object.Metadata.Name}' of {From(tooLong)} would carry '{value}', {value.Length} characters, more than Kubernetes allows ({limit})",
                "shorten the backend, pipeline or namespace name");
        }
    }

    /// <summary>The first name or label value of the object past its limit, or null.</summary>
    private static (string Value, int Limit)? TooLong(RenderedObject rendered)
    {
        var meta = rendered.Object.Metadata;
        var nameLimit = rendered.Object.Kind == "StatefulSet" ? MaxStatefulSetName : MaxLabelValue;
        if (meta.Name.Length > nameLimit)
        {
            return (meta.Name, nameLimit);
        }

        return meta.Labels?.Values.FirstOrDefault(v => v.Length > MaxLabelValue) is { } label ? (label, MaxLabelValue) : null;
    }
}
