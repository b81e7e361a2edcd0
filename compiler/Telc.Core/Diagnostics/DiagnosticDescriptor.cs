namespace Telc.Diagnostics;

/// <summary>What a diagnostic code means: its stable code, a short title and its default level.</summary>
public sealed record DiagnosticDescriptor(string Code, string Title, DiagnosticLevel DefaultLevel)
{
    public string HelpUri => $"https://telc.io/docs/diagnostics/{Code}";
}
