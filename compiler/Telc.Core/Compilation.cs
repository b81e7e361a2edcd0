using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Emit;
using Telc.Lowering;
using Telc.Model;
using Telc.Parsing;
using Telc.Policies;
using Telc.Presets;
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
    private Compilation(SourceSet sources, SpecModel model, ImmutableArray<ClusterPlan> clusters, Lazy<ImmutableArray<RenderedObject>> objects,
        ImmutableArray<UnrenderedPart> unrendered, int documentCount, IReadOnlyList<Diagnostic> diagnostics)
    {
        Sources = sources;
        Model = model;
        Clusters = clusters;
        this.objects = objects;
        Unrendered = unrendered;
        DocumentCount = documentCount;
        Diagnostics = diagnostics;
    }

    private readonly Lazy<ImmutableArray<RenderedObject>> objects;

    public SourceSet Sources { get; }

    public SpecModel Model { get; }

    /// <summary>The per-cluster plans, lowered once when the spec has no error; empty otherwise.</summary>
    public ImmutableArray<ClusterPlan> Clusters { get; }

    /// <summary>
    /// The Kubernetes objects of every cluster, emitted once when the spec has no error (empty otherwise): the name
    /// checks, the policies and <see cref="Renderer"/> all read these.
    /// </summary>
    public ImmutableArray<RenderedObject> Objects => objects.Value;

    /// <summary>What the spec says that the output leaves out, each named in a TELC501 info.</summary>
    public ImmutableArray<UnrenderedPart> Unrendered { get; }

    public int DocumentCount { get; }

    /// <summary>Every finding, ordered by file, position and code.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Level == DiagnosticLevel.Error);

    public static Compilation Create(ISpecSource source) => Create(source.Read());

    public static Compilation Create(SourceSet sources)
    {
        var diagnostics = new List<Diagnostic>(sources.Diagnostics);
        var (documentCount, all) = Bind(sources, diagnostics);
        var presets = Catalog(sources, diagnostics);
        diagnostics.AddRange(SemanticChecker.Check(all, ShapeCatalog.Instance, presets, sources.AllPaths));
        diagnostics.AddRange(InlineCredentials.Check(all));
        var model = Expanded(Complete(all), presets, diagnostics);
        diagnostics.AddRange(QueryChecker.Check(model));
        diagnostics.AddRange(Dashboards.DashboardChecker.Check(model));
        diagnostics.AddRange(DerivedMetricUse.Check(model));
        diagnostics.AddRange(MetricProvenance.Check(model));
        diagnostics.AddRange(ConfigurationChecker.Check(model));
        diagnostics.AddRange(RetentionEnforcement.Check(model));
        var clusters = ImmutableArray<ClusterPlan>.Empty;
        var objects = ImmutableArray<RenderedObject>.Empty;
        var unrendered = ImmutableArray<UnrenderedPart>.Empty;
        if (!diagnostics.Any(d => d.Level == DiagnosticLevel.Error))
        {
            clusters = ClusterLowering.Lower(model);
            diagnostics.AddRange(RenderChecker.Check(model, clusters));
            diagnostics.AddRange(DeadMansSwitch.Check(clusters));
            objects = Renderer.Emit(clusters, diagnostics);
            diagnostics.AddRange(RenderedNameChecks.Check(model, objects));
            unrendered = NotRendered.Parts(model, objects).ToImmutableArray();
            diagnostics.AddRange(unrendered.Select(NotRendered.Info));
        }
        if (documentCount == 0 && !diagnostics.Any(d => d.Level == DiagnosticLevel.Error))
        {
            diagnostics.Add(new Diagnostic(DiagnosticCatalogue.NoDocuments, DiagnosticLevel.Error,
                !sources.Files.Any(f => SpecFileNames.IsSpecFile(f.SpecPath)) ? $"no *.yaml or *.yml files under the spec root '{sources.RootDisplayPath}'" : $"the spec files under '{sources.RootDisplayPath}' hold no documents",
                Location: null,
                FilePath: null,
                Hint: $"point telc at the folder holding the spec (a project folder with '{SpecFileNames.DefaultRoot}/', or the spec root itself)"));
        }

        return new Compilation(sources, model, clusters, new Lazy<ImmutableArray<RenderedObject>>(objects), unrendered, documentCount, diagnostics.Ordered());
    }

    /// <summary>
    /// The model of a spec that <see cref="Create"/> checks, rebuilt from the same texts by the same parser and binder,
    /// with none of the checks and no diagnostics: what the policy worker, a separate process, runs the policies over.
    /// It has no plans until <see cref="Lowered"/>.
    /// </summary>
    public static Compilation Rebuild(SourceSet sources)
    {
        var (documentCount, all) = Bind(sources, []);
        return new Compilation(sources, Expanded(Complete(all), Catalog(sources, []), []), [], new Lazy<ImmutableArray<RenderedObject>>([]), [], documentCount, []);
    }

    /// <summary>
    /// A rebuilt model with the plans <see cref="Create"/> lowered it to, once that found no error; its objects are
    /// emitted when first read.
    /// </summary>
    public Compilation Lowered()
    {
        var clusters = ClusterLowering.Lower(Model);
        return new Compilation(Sources, Model, clusters, new Lazy<ImmutableArray<RenderedObject>>(() => Renderer.Emit(clusters, [])), [], DocumentCount, []);
    }

    /// <summary>Every document parsed and bound, incomplete ones included: what the semantic checks read.</summary>
    private static (int DocumentCount, SpecModel All) Bind(SourceSet sources, List<Diagnostic> diagnostics)
    {
        var documentCount = 0;
        var resources = ImmutableArray.CreateBuilder<Resource>();
        foreach (var file in sources.Files.Where(f => SpecFileNames.IsSpecFile(f.SpecPath) && !PresetCatalog.IsCatalogPath(f.SpecPath)))
        {
            var parsed = YamlParser.Parse(file);
            diagnostics.AddRange(parsed.Diagnostics);
            documentCount += parsed.Documents.Count;
            foreach (var document in parsed.Documents)
            {
                if (DocumentBinder.Bind(document, ShapeCatalog.Instance, diagnostics) is { } resource)
                {
                    resources.Add(resource);
                }
            }
        }

        // The files a document may name are those AllPaths holds: an empty file, a FIFO or a device counts as missing.
        var attachments = sources.Files.Where(f => SpecFileNames.IsAttachment(f.SpecPath) && sources.AllPaths.Contains(f.SpecPath)).ToImmutableSortedDictionary(f => f.SpecPath, f => f, StringComparer.Ordinal);
        return (documentCount, new SpecModel(resources.ToImmutable()) { Attachments = attachments });
    }

    /// <summary>The built-in preset catalog with the project's own (presets/ under the spec root).</summary>
    public static PresetCatalog Catalog(SourceSet sources, List<Diagnostic> diagnostics)
    {
        diagnostics.AddRange(PresetCatalog.BuiltInDiagnostics);
        return PresetCatalog.BuiltIn.With(PresetCatalog.Load(sources.Files, builtIn: false, diagnostics), diagnostics);
    }

    /// <summary>A model with the resources the presets its clusters switch on add.</summary>
    private static SpecModel Expanded(SpecModel model, PresetCatalog presets, List<Diagnostic> diagnostics) =>
        model with { Resources = [.. model.Resources, .. PresetExpansion.Expand(model, presets, diagnostics)], Vocabulary = MetricVocabulary.Of(presets) };

    /// <summary>The documents that bound without an error: what lowering, rendering and the policies read.</summary>
    private static SpecModel Complete(SpecModel all) => all with { Resources = [.. all.Resources.Where(r => r.IsComplete)] };
}
