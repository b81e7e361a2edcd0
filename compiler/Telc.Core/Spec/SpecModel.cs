using System.Collections.Immutable;
using Telc.Spec.Kinds;

namespace Telc.Spec;

/// <summary>Every bound document of a spec, in file order.</summary>
public sealed record SpecModel(ImmutableArray<Resource> Resources)
{
    public IEnumerable<(Resource Resource, TSpec Spec)> OfKind<TSpec>()
        where TSpec : SpecNode
    {
        foreach (var resource in Resources)
        {
            if (resource.Spec is TSpec spec)
            {
                yield return (resource, spec);
            }
        }
    }

    public ProjectSpec? Project => OfKind<ProjectSpec>().Select(p => p.Spec).FirstOrDefault();
}
