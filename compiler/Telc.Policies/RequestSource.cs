using Telc.Sources;
using Telc.Text;

namespace Telc.Policies;

/// <summary>The spec files the request carries, so the worker compiles exactly what telc read and reads no file.</summary>
public sealed class RequestSource(PolicyRequest request) : ISpecSource
{
    public SourceSet Read() => new(
        request.RootDisplayPath,
        [.. request.SpecFiles.Select(f => new SourceFile(f.Path, f.SpecPath, f.Text))],
        request.AllSpecPaths.ToHashSet(StringComparer.Ordinal),
        []);
}
