using System.Text.Encodings.Web;
using System.Text.Json;

namespace Telc.Diagnostics.Formatting;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning reads it: every catalogue code and reporting policy as a rule with a description and help,
/// every finding with a file as a result (paths relative to the repository root, columns in UTF-16 code units),
/// findings without a file as tool notifications. Upload it with github/codeql-action/upload-sarif, which adds
/// the line fingerprints GitHub uses to track alerts across commits.
/// </summary>
public sealed class SarifFormatter : IDiagnosticFormatter
{
    public void Write(DiagnosticReport report, TextWriter output)
    {
        // The catalogue, then the policies that reported something (their ids are their codes).
        var rules = DiagnosticCatalogue.All
            .Concat(report.Diagnostics.Concat(report.Waived.Select(w => w.Diagnostic)).Select(d => d.Descriptor).Where(d => !DiagnosticCatalogue.All.Contains(d))
                .DistinctBy(d => d.Code, StringComparer.Ordinal).OrderBy(d => d.Code, StringComparer.Ordinal))
            .ToArray();
        var ruleIndex = rules.Select((r, i) => (r.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            WriteInvocation(json, report.Diagnostics.Where(d => d.Path is null), ruleIndex);
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            foreach (var d in report.Diagnostics.Where(d => d.Path is not null))
            {
                WriteResult(json, d, ruleIndex, waived: null);
            }

            foreach (var waived in report.Waived)
            {
                WriteResult(json, waived.Diagnostic, ruleIndex, waived);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n");
    }

    /// <summary>One result; a waived finding carries an accepted external suppression with the waiver's reason.</summary>
    private static void WriteResult(Utf8JsonWriter json, Diagnostic d, Dictionary<string, int> ruleIndex, Policies.WaivedFinding? waived)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", d.Code);
        json.WriteNumber("ruleIndex", ruleIndex[d.Code]);
        json.WriteString("level", Level(d.Level));
        WriteMessage(json, d);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri.EscapeDataString(d.Path!).Replace("%2F", "/"));
        json.WriteString("uriBaseId", "%SRCROOT%");
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", d.Start.Line);
        json.WriteNumber("startColumn", d.Start.Column);
        json.WriteNumber("endLine", d.End.Line);
        json.WriteNumber("endColumn", Math.Max(d.End.Column, d.End.Line == d.Start.Line ? d.Start.Column + 1 : 1));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        if (waived is not null)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification",
                $"{waived.Spec.Reason} (waiver {waived.Waiver.Name}, owner {waived.Spec.Owner}, ticket {waived.Spec.Ticket}, until {waived.Spec.Expires.Value})");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<DiagnosticDescriptor> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "telc");
        json.WriteString("version", DiagnosticReport.ToolVersion);
        json.WriteString("semanticVersion", DiagnosticReport.ToolVersion);
        json.WriteString("informationUri", "https://telc.io");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Code);
            json.WriteString("name", string.Concat(rule.Title.Split(' ', '-').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant())
                .Select(w => new string(w.Where(char.IsAsciiLetterOrDigit).ToArray()))));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Help);
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", rule.Help);
            json.WriteString("markdown", $"{rule.Help}\n\n[{rule.Code}]({rule.HelpUri})");
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultLevel));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("precision", "very-high");
            json.WriteString("problem.severity", rule.DefaultLevel switch { DiagnosticLevel.Error => "error", DiagnosticLevel.Warning => "warning", _ => "recommendation" });
            json.WriteStartArray("tags");
            json.WriteStringValue("telemetry");
            json.WriteStringValue(!rule.Code.StartsWith("TELC", StringComparison.Ordinal) || rule.Code.Length < 5 ? "policy"
                : rule.Code[4] switch { '1' => "syntax", '2' => "semantic", '3' => "promql", '4' => "policy", _ => "emit" });
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Findings about the run rather than a file (no spec found) go where SARIF keeps them.</summary>
    private static void WriteInvocation(Utf8JsonWriter json, IEnumerable<Diagnostic> notifications, Dictionary<string, int> ruleIndex)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var d in notifications)
        {
            json.WriteStartObject();
            json.WriteString("level", Level(d.Level));
            WriteMessage(json, d);
            json.WriteStartObject("associatedRule");
            json.WriteString("id", d.Code);
            json.WriteNumber("index", ruleIndex[d.Code]);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, Diagnostic d)
    {
        json.WriteStartObject("message");
        json.WriteString("text", $"{d.Message} (hint: {d.Hint})");
        json.WriteEndObject();
    }

    private static string Level(DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        _ => "note",
    };
}
