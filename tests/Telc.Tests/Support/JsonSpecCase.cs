using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telc.Emit;
using Telc.Parsing;
using Telc.Sources;
using Telc.Text;

namespace Telc.Tests.Support;

/// <summary>
/// A render case's spec held as JSON trees, one per document, so a test can change one field and render again. Each
/// document is written as one line of JSON (which is YAML), so changing a field never moves another document's line
/// and the provenance annotations of the output stay put.
/// </summary>
public sealed class JsonSpecCase : IDisposable
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TempFolder folder = new();

    private JsonSpecCase(string name, ImmutableArray<JsonSpecDocument> documents)
    {
        Name = name;
        Documents = documents;
    }

    public string Name { get; }

    /// <summary>The JSON files documents name (dashboards), written beside the documents unchanged.</summary>
    public ImmutableSortedDictionary<string, string> Attachments { get; private init; } = ImmutableSortedDictionary<string, string>.Empty;

    public ImmutableArray<JsonSpecDocument> Documents { get; }

    /// <summary>Reads the case's telemetry/ folder; a document that is not a mapping is kept as it is.</summary>
    public static JsonSpecCase Load(string name)
    {
        var root = RepoPaths.Combine(name, "telemetry");
        var attachments = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .ToImmutableSortedDictionary(file => Path.GetRelativePath(root, file).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);
        var documents = Directory.EnumerateFiles(root, "*.y*ml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(file =>
            {
                var specPath = Path.GetRelativePath(root, file).Replace('\\', '/');
                return YamlParser.Parse(new SourceFile(file, specPath, File.ReadAllText(file))).Documents
                    .Select(d => new JsonSpecDocument(specPath, d.Index, YamlJson.Convert(d.Root)!.AsObject()));
            });
        return new JsonSpecCase(name, [.. documents]) { Attachments = attachments };
    }

    /// <summary>
    /// Compiles and renders the documents (these or changed copies); null when the spec has an error, with the
    /// compilation's problems in <paramref name="errors"/>.
    /// </summary>
    public RenderOutcome? Render(IReadOnlyList<JsonSpecDocument> documents, out string errors)
    {
        var telemetry = Path.Combine(folder.Path, "telemetry");
        if (Directory.Exists(telemetry))
        {
            Directory.Delete(telemetry, recursive: true);
        }

        foreach (var file in documents.GroupBy(d => d.SpecPath))
        {
            folder.Write($"telemetry/{file.Key}", string.Join("\n---\n", file.OrderBy(d => d.Index).Select(d => d.Root.ToJsonString(Compact))) + "\n");
        }

        foreach (var (path, text) in Attachments)
        {
            folder.Write($"telemetry/{path}", text);
        }

        var compilation = Compilation.Create(new WorkingTreeSource(telemetry, folder.Path));
        errors = string.Join("\n", compilation.Diagnostics.Where(d => d.Level == Telc.Diagnostics.DiagnosticLevel.Error));
        if (compilation.HasErrors)
        {
            return null;
        }

        var rendered = Renderer.Render(compilation);
        return new RenderOutcome(rendered.Files.ToImmutableSortedDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal), compilation.Unrendered);
    }

    public void Dispose() => folder.Dispose();
}

/// <summary>One document of a spec file, by file and position, as JSON.</summary>
public sealed record JsonSpecDocument(string SpecPath, int Index, JsonObject Root)
{
    public string? Kind => Root["kind"] is JsonValue kind && kind.TryGetValue<string>(out var name) ? name : null;

    public JsonSpecDocument With(JsonObject root) => this with { Root = root };

    /// <summary>Whether a part named in a TELC501 info is this document's.</summary>
    public bool Owns(UnrenderedPart part) => part.Resource.File.SpecPath == SpecPath && part.Resource.Document.Index == Index;
}

/// <summary>The rendered files by path, and what the render named as not rendered.</summary>
public sealed record RenderOutcome(ImmutableSortedDictionary<string, string> Files, ImmutableArray<UnrenderedPart> Unrendered)
{
    public bool SameFilesAs(RenderOutcome other) =>
        Files.Count == other.Files.Count && Files.All(f => other.Files.TryGetValue(f.Key, out var text) && text == f.Value);
}
