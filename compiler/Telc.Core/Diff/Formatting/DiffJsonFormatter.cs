using System.Text.Encodings.Web;
using System.Text.Json;
using Telc.Diagnostics.Formatting;

namespace Telc.Diff.Formatting;

/// <summary>Machine output of a diff, shape version 1 (documented in the README).</summary>
public sealed class DiffJsonFormatter
{
    public void Write(DiffReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            WriteSide(json, "base", report.Base);
            WriteSide(json, "head", report.Head);
            json.WriteStartObject("summary");
            json.WriteBoolean("failed", report.Failed);
            json.WriteBoolean("changed", report.HasDifferences);
            json.WriteNumber("high", report.Count(Risk.High));
            json.WriteNumber("medium", report.Count(Risk.Medium));
            json.WriteNumber("low", report.Count(Risk.Low));
            json.WriteStartArray("changedClusters");
            foreach (var cluster in report.ChangedClusters)
            {
                json.WriteStringValue(cluster);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartArray("clusters");
            foreach (var cluster in report.Clusters)
            {
                WriteCluster(json, cluster);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n");
    }

    private static void WriteSide(Utf8JsonWriter json, string name, DiffSide side)
    {
        json.WriteStartObject(name);
        json.WriteString("label", side.Label);
        json.WriteString("status", DiffWords.Status(side));
        if (side.Missing is { } missing)
        {
            json.WriteString("reason", missing);
        }

        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in side.Diagnostics)
        {
            JsonFormatter.WriteDiagnostic(json, diagnostic);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCluster(Utf8JsonWriter json, ClusterDiff cluster)
    {
        json.WriteStartObject();
        json.WriteString("name", cluster.Name);
        json.WriteString("environment", cluster.Environment);
        json.WriteStartArray("changes");
        foreach (var change in cluster.Changes)
        {
            json.WriteStartObject();
            json.WriteString("area", DiffWords.Area(change.Area));
            json.WriteString("subject", change.Subject);
            json.WriteString("change", DiffWords.Kind(change.Kind));
            json.WriteString("description", change.Description);
            json.WriteString("risk", DiffWords.Risk(change.Risk));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("objects");
        foreach (var diff in cluster.Objects)
        {
            json.WriteStartObject();
            json.WriteString("apiVersion", diff.Identity.ApiVersion);
            json.WriteString("kind", diff.Identity.Kind);
            json.WriteString("namespace", diff.Identity.Namespace);
            json.WriteString("name", diff.Identity.Name);
            json.WriteString("path", diff.Path);
            json.WriteString("change", DiffWords.Kind(diff.Kind));
            json.WriteStartArray("fields");
            foreach (var field in diff.Fields)
            {
                json.WriteStartObject();
                json.WriteString("path", field.Path);
                json.WriteString("change", DiffWords.Kind(field.Kind));
                json.WriteString("before", field.Before);
                json.WriteString("after", field.After);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
