using Telc.Diagnostics;
using Telc.Model;

namespace Telc.Emit;

/// <summary>What every emitter gets for one cluster: the object factory, the render-wide cache and where problems go.</summary>
public sealed record EmitContext(ObjectFactory Factory, RenderCache Cache, ICollection<Diagnostic> Diagnostics);
