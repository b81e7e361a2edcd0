using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Emit;
using Telc.Lowering;
using Telc.Model;
using Telc.Parsing;
using Telc.Policies;
using Telc.Schema;
using Telc.Semantics;
using Telc.Sources;
using Telc.Spec;

namespace Telc;

/// <summary>
/// The single entry point: reads the spec, parses, checks and binds it, and gathers every diagnostic in one place.
/// Stages never throw for user mistakes; they report and carry on so one run shows every problem.
/// </summary>
public sealed class Compilation
{
    private Compilation(SourceSet sources, SpecModel model, ImmutableArray<ClusterPlan> clusters, ImmutableArray<RenderedObject> objects,
        ImmutableArray<UnrenderedPart> unrendered, int documentCount, IReadOnlyList<Diagnostic> diagnostics)
    {
        Sources = sources;
        Model = model;
        Clusters = clusters;
        Objects = objects;
        Unrendered = unrendered;
        DocumentCount = documentCount;
        Diagnostics = diagnostics;
    }

    public SourceSet Sources { get; }

    public SpecModel Model { get; }

    /// <summary>The per-cluster plans, lowered once when the spec has no error; empty otherwise.</summary>
    public ImmutableArray<ClusterPlan> Clusters { get; }

    /// <summary>
    /// The Kubernetes objects of every cluster, emitted once when the spec has no error (empty otherwise): the name
    /// checks, the policies and <see cref="Renderer"/> all read these.
    /// </summary>
    public ImmutableArray<RenderedObject> Objects { get; }

    /// <summary>What the spec says that the output leaves out, each named in a TELC501 info.</summary>
    public ImmutableArray<UnrenderedPart> Unrendered { get; }

    public int DocumentCount { get; }

    /// <summary>Every finding, ordered by file, position and code.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);

    public static Compilation Create(ISpecSource source, PresetCatalog? presets = null)
    {
        var sources = source.Read();
        var diagnostics = new List<Diagnostic>(sources.Diagnostics);
        var documents = new List<YamlDocument>();
        foreach (var file in sources.Files)
        {
            var parsed = YamlParser.Parse(file);
            documents.AddRange(parsed.Documents);
            diagnostics.AddRange(parsed.Diagnostics);
        }

        var shapes = ShapeCatalog.Instance;
        var resources = ImmutableArray.CreateBuilder<Resource>();
        foreach (var document in documents)
        {
            if (DocumentBinder.Bind(document, shapes, diagnostics) is { } resource)
            {
                resources.Add(resource);
            }
        }

        var all = new SpecModel(resources.ToImmutable());
        diagnostics.AddRange(SemanticChecker.Check(all, shapes, presets ?? PresetCatalog.Empty, sources.AllPaths));
        var model = new SpecModel([.. all.Resources.Where(r => r.IsComplete)]);
        diagnostics.AddRange(QueryChecker.Check(model));
        diagnostics.AddRange(ConfigurationChecker.Check(model));
        var clusters = ImmutableArray<ClusterPlan>.Empty;
        var objects = ImmutableArray<RenderedObject>.Empty;
        var unrendered = ImmutableArray<UnrenderedPart>.Empty;
        if (!diagnostics.Any(d => d.Level == DiagnosticLevel.Error))
        {
            clusters = ClusterLowering.Lower(model);
            diagnostics.AddRange(RenderChecker.Check(model, clusters));
            objects = Renderer.Emit(clusters, diagnostics);
            diagnostics.AddRange(RenderedNameChecks.Check(model, objects));
            unrendered = NotRendered.Parts(model, objects).ToImmutableArray();
            diagnostics.AddRange(unrendered.Select(NotRendered.Info));
        }
        if (documents.Count == 0 && !diagnostics.Any(d => d.Level == DiagnosticLevel.Error))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCatalogue.NoDocuments, DiagnosticLevel.Error,
                sources.Files.Count == 0 ? $"no *.yaml or *.yml files under the spec root '{sources.RootDisplayPath}'" : $"the spec files under '{sources.RootDisplayPath}' hold no documents",
                Location: null,
                FilePath: null,
                Hint: $"point telc at the folder holding the spec (a project folder with '{SpecFileNames.DefaultRoot}/', or the spec root itself)"));
        }

        return new Compilation(sources, model, clusters, objects, unrendered, documents.Count, diagnostics.Ordered());
    }

}
