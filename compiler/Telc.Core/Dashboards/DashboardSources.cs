using System.Runtime.CompilerServices;
using Telc.Diagnostics;
using Telc.Parsing.Json;
using Telc.Sources;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Dashboards;

/// <summary>
/// Reads what a Dashboard document shows: its panels, or the Grafana JSON file it names (read once per file however
/// often it is asked for). A preset's dashboards come with the preset catalog.
/// </summary>
public static class DashboardSources
{
    private static readonly ConditionalWeakTable<SourceFile, ParsedFile> Parsed = [];

    /// <summary>The content, or null when the file is missing or unreadable (reported once, to <paramref name="diagnostics"/>, by the first reader).</summary>
    public static DashboardContent? Read(SpecModel model, Resource resource, DashboardSpec spec, ICollection<Diagnostic> diagnostics)
    {
        if (spec.File is null)
        {
            return spec.Preset is null ? DashboardContent.FromPanels(spec) : null;
        }

        if (FilePath(resource, spec.File.Value) is not { } path || !model.Attachments.TryGetValue(path, out var file))
        {
            return null; // the semantic checks report the path
        }

        var parsed = Parsed.GetValue(file, Parse);
        foreach (var problem in parsed.Problems)
        {
            diagnostics.Add(problem);
        }

        return parsed.Root is JsonObjectNode root ? DashboardContent.FromJson(root, file) : null;
    }

    /// <summary>The spec path of a dashboard file named relative to its document's file; null when it leaves the spec root.</summary>
    public static string? FilePath(Resource resource, string file)
    {
        var specPath = resource.File.SpecPath;
        var directory = specPath.Contains('/') ? specPath[..specPath.LastIndexOf('/')] : string.Empty;
        return file.StartsWith('/') ? null : SpecFileNames.Normalize(SpecFileNames.Combine(directory, file));
    }

    private static ParsedFile Parse(SourceFile file)
    {
        var problems = new List<Diagnostic>();
        var root = JsonTreeParser.Parse(file, problems);
        if (root is not null and not JsonObjectNode)
        {
            problems.Add(Diagnostic.At(DiagnosticCatalogue.NotADashboard, file.Locate(new TextSpan(root.Span.Start, 1)),
                "the file holds a JSON " + (root is JsonArrayNode ? "array" : "value") + ", not a dashboard object",
                "export the dashboard from Grafana ('Share' → 'Export' → 'Save to file'); the file holds one object with title and panels"));
        }
        else if (root is JsonObjectNode dashboard)
        {
            problems.AddRange(Shape(DashboardJson.Unwrap(dashboard), file));
        }

        return new ParsedFile(root, problems);
    }

    /// <summary>Members Grafana needs in a shape it reads: lists that are lists, so no panel is skipped unnoticed.</summary>
    private static IEnumerable<Diagnostic> Shape(JsonObjectNode dashboard, SourceFile file)
    {
        foreach (var key in new[] { "panels", "rows" })
        {
            if (dashboard[key] is { } value and not JsonArrayNode)
            {
                yield return Diagnostic.At(DiagnosticCatalogue.NotADashboard, file.Locate(value.Span), $"'{key}' is not a list", $"'{key}' holds a JSON array of panel objects");
            }
        }

        foreach (var panel in DashboardJson.Panels(dashboard))
        {
            if (panel["targets"] is { } targets and not JsonArrayNode)
            {
                yield return Diagnostic.At(DiagnosticCatalogue.NotADashboard, file.Locate(targets.Span), "'targets' is not a list", "a panel's targets are a JSON array of query objects");
            }
        }
    }

    private sealed record ParsedFile(JsonTreeNode? Root, IReadOnlyList<Diagnostic> Problems);
}
