namespace Telc.Diagnostics.Formatting;

/// <summary>Writes a report in one output format.</summary>
public interface IDiagnosticFormatter
{
    void Write(DiagnosticReport report, TextWriter output);
}
