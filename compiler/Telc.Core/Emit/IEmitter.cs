using Telc.Model;
using Telc.Spec;

namespace Telc.Emit;

/// <summary>
/// One rendering target: the components it makes of a cluster's plan, and the spec documents it renders. Adding a
/// target is a class implementing this and one line in <see cref="Emitters.All"/>; the renderer and the TELC501
/// infos ("checked but not rendered") follow from the registry.
/// </summary>
public interface IEmitter
{
    /// <summary>Whether this target renders the document (a document no target renders is named in a TELC501 info).</summary>
    bool Renders(SpecModel model, Resource resource);

    IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context);
}
