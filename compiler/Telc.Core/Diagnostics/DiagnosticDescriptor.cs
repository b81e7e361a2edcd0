namespace Telc.Diagnostics;

/// <summary>What a diagnostic code means: its stable code, a short title, its default level and a paragraph of help.</summary>
public sealed record DiagnosticDescriptor(string Code, string Title, DiagnosticLevel DefaultLevel, string Help)
{
    public string HelpUri => $"https://telc.io/docs/diagnostics/{Code}";
}
