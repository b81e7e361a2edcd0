using Telc.Text;

namespace Telc.Diagnostics;

/// <summary>
/// One finding. <see cref="Location"/> points at the user's YAML; <see cref="FilePath"/> alone is used
/// when there is no text to point into (an unreadable file, an empty spec root).
/// A finding without a hint of its own takes the help of its code, so every finding says what to do.
/// Message and hint quote spec values, so their control characters (ESC, OSC, BEL, a bare CR that forges a CI log
/// line) are shown as \uXXXX here, once, for every output format; so are credentials they would quote (a URL with a
/// password, a token) shown as ***.
/// </summary>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    DiagnosticLevel Level,
    string Message,
    SourceLocation? Location,
    string? FilePath = null,
    string? Hint = null)
{
    public string Message { get; init; } = Shown(Credentials.Hide(Message));

    public string Hint { get; init; } = Shown(Credentials.Hide(Hint ?? Descriptor.Help));

    public string Code => Descriptor.Code;

    public string? Path => Location?.File.Path ?? FilePath;

    public LinePosition Start => Location?.Start ?? new LinePosition(1, 1);

    public LinePosition End => Location?.End ?? new LinePosition(1, 1);

    /// <summary>The text with control characters written as \uXXXX, so a terminal or a CI log never acts on them.</summary>
    public static string Shown(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) : text;

    public static Diagnostic At(DiagnosticDescriptor descriptor, SourceLocation location, string message, string? hint = null)
        => new(descriptor, descriptor.DefaultLevel, message, location, null, hint);

    public static Diagnostic InFile(DiagnosticDescriptor descriptor, string path, string message, string? hint = null)
        => new(descriptor, descriptor.DefaultLevel, message, null, path, hint);
}
