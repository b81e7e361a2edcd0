using Telc.Text;

namespace Telc.Diagnostics;

/// <summary>
/// One finding. <see cref="Location"/> points at the user's YAML; <see cref="FilePath"/> alone is used
/// when there is no text to point into (an unreadable file, an empty spec root).
/// A finding without a hint of its own takes the help of its code, so every finding says what to do.
/// </summary>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    DiagnosticLevel Level,
    string Message,
    SourceLocation? Location,
    string? FilePath = null,
    string? Hint = null)
{
    public string Hint { get; init; } = Hint ?? Descriptor.Help;

    public string Code => Descriptor.Code;

    public string? Path => Location?.File.Path ?? FilePath;

    public LinePosition Start => Location?.Start ?? new LinePosition(1, 1);

    public LinePosition End => Location?.End ?? new LinePosition(1, 1);

    public static Diagnostic At(DiagnosticDescriptor descriptor, SourceLocation location, string message, string? hint = null)
        => new(descriptor, descriptor.DefaultLevel, message, location, null, hint);

    public static Diagnostic InFile(DiagnosticDescriptor descriptor, string path, string message, string? hint = null)
        => new(descriptor, descriptor.DefaultLevel, message, null, path, hint);
}
