using System.Text.Encodings.Web;
using System.Text.Json;

namespace Telc.Diagnostics.Formatting;

/// <summary>
/// Machine output, shape version 1 (documented in the README): a summary and the diagnostics, with
/// 1-based line and column; the end is exclusive. Fields never change meaning within a shape version.
/// </summary>
public sealed class JsonFormatter : IDiagnosticFormatter
{
    public void Write(DiagnosticReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartObject("tool");
            json.WriteString("name", "telc");
            json.WriteString("version", DiagnosticReport.ToolVersion);
            json.WriteEndObject();
            json.WriteStartObject("summary");
            json.WriteNumber("errors", report.Count(DiagnosticLevel.Error));
            json.WriteNumber("warnings", report.Count(DiagnosticLevel.Warning));
            json.WriteNumber("infos", report.Count(DiagnosticLevel.Info));
            json.WriteNumber("files", report.FileCount);
            json.WriteNumber("documents", report.DocumentCount);
            json.WriteNumber("waived", report.Waived.Count);
            json.WriteEndObject();
            json.WriteStartArray("diagnostics");
            foreach (var d in report.Diagnostics)
            {
                WriteDiagnostic(json, d);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("waived");
            foreach (var waived in report.Waived)
            {
                WriteDiagnostic(json, waived.Diagnostic);
                json.WriteString("target", waived.Target);
                json.WriteStartObject("waiver");
                json.WriteString("name", waived.Waiver.Name);
                json.WriteString("owner", waived.Spec.Owner);
                json.WriteString("reason", waived.Spec.Reason);
                json.WriteString("ticket", waived.Spec.Ticket);
                json.WriteString("expires", waived.Spec.Expires.Value);
                json.WriteString("file", waived.Waiver.File.Path);
                json.WriteNumber("line", waived.Waiver.Location.Start.Line);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n");
    }

    /// <summary>Opens the diagnostic's object and writes its fields; the caller closes it.</summary>
    internal static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic d)
    {
        json.WriteStartObject();
        json.WriteString("code", d.Code);
        json.WriteString("level", d.Level.ToString().ToLowerInvariant());
        json.WriteString("title", d.Descriptor.Title);
        json.WriteString("message", d.Message);
        json.WriteString("hint", d.Hint);
        WriteOptional(json, "file", d.Path);
        json.WriteNumber("line", d.Start.Line);
        json.WriteNumber("column", d.Start.Column);
        json.WriteNumber("endLine", d.End.Line);
        json.WriteNumber("endColumn", d.End.Column);
        json.WriteString("helpUri", d.Descriptor.HelpUri);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
