namespace Telc.Diagnostics;

public enum DiagnosticLevel
{
    Info,
    Warning,
    Error,
}
