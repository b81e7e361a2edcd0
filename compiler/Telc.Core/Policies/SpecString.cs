using Telc.Spec;
using Telc.Text;

namespace Telc.Policies;

/// <summary>A string value of a spec document, with its key path (e.g. <c>spec.receivers[0].webhook.url</c>).</summary>
public sealed record SpecString(Resource Resource, string Path, string Value, SourceLocation Location);
