using Telc.Diagnostics;
using Telc.Emit;
using Telc.Sources;

namespace Telc.Diff;

/// <summary>
/// One side of a diff: the spec at a git ref or in the working tree, compiled and rendered in memory.
/// <see cref="Missing"/> says why there is no spec at all (a base from before telc was adopted), which is not a failure:
/// everything on the other side is then new.
/// </summary>
public sealed record DiffSide(string Label, Compilation? Compilation, RenderResult? Rendered, string? Missing)
{
    public static DiffSide Build(string label, ISpecSource source)
    {
        Compilation compilation;
        try
        {
            compilation = Compilation.Create(source);
        }
        catch (SpecSourceException e) when (e.FolderMissing)
        {
            return new DiffSide(label, null, null, e.Message);
        }

        var rendered = compilation.HasErrors ? null : Renderer.Render(compilation);
        return new DiffSide(label, compilation, rendered, null);
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; } =
        Compilation?.Diagnostics ?? [];

    /// <summary>What a reader of a failed diff needs: the errors and warnings of the side, not its infos.</summary>
    public IReadOnlyList<Diagnostic> Problems => [.. Diagnostics.Where(d => d.Level >= DiagnosticLevel.Warning)];

    /// <summary>The spec exists but does not compile or render: there is nothing to compare it with.</summary>
    public bool Failed => Missing is null && (Rendered is null || Diagnostics.Any(d => d.Level == DiagnosticLevel.Error));
}
