using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Emit.Alertmanager;
using Telc.Emit.GitOps;
using Telc.Emit.Kubernetes;
using Telc.Emit.NodeAgents;
using Telc.Emit.Prometheus;
using Telc.Emit.PrometheusOperator;
using Telc.Model;
using Telc.Output;
using Telc.Policies;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit;

/// <summary>Turns a checked spec into the whole output tree: a pure function from the model to files.</summary>
public static class Renderer
{
    /// <param name="clusters">The plans lowered from the model (<see cref="Compilation.Clusters"/>).</param>
    /// <param name="outputPath">Where the tree lives inside the git repository, for the paths GitOps objects point at;
    /// the Project's output.path when not given.</param>
    public static RenderResult Render(SpecModel model, ImmutableArray<ClusterPlan> clusters, string? outputPath = null)
    {
        var diagnostics = new List<Diagnostic>();
        var cache = new RenderCache();
        var objects = clusters.SelectMany(cluster => Place(cluster, cache, diagnostics)).ToImmutableArray();
        var files = objects.Select(o => new OutputFile(o.Path, cache.Yaml(o.Object))).ToList();
        foreach (var cluster in clusters)
        {
            var root = Root(cluster);
            var resources = objects.Where(o => o.Cluster == cluster.Name).Select(o => o.Path[(root.Length + 1)..]).Order(StringComparer.Ordinal).ToImmutableArray();
            files.Add(new OutputFile($"{root}/kustomization.yaml", cache.Yaml(new Kustomization(resources))));
        }

        var renderedFrom = objects.Select(o => o.Source).ToHashSet();
        if (model.OfKind<ProjectSpec>().FirstOrDefault() is { Spec.GitOps.Flavour: not GitOpsFlavour.None } project)
        {
            files.AddRange(GitOpsEmitter.Emit(clusters, project.Resource, outputPath ?? project.Spec.Output?.Path ?? "rendered")
                .Select(o => new OutputFile(o.Path, cache.Yaml(o.Object))));
            renderedFrom.Add(project.Resource.Location);
        }

        var unrendered = NotRendered.Parts(model, renderedFrom).ToImmutableArray();
        diagnostics.AddRange(unrendered.Select(NotRendered.Info));
        files.Add(new OutputFile(Output.TreeWriter.MarkerFile, Output.TreeWriter.MarkerText));
        return new RenderResult([.. files.OrderBy(f => f.Path, StringComparer.Ordinal)], objects, unrendered, diagnostics);
    }

    /// <summary>The objects of every cluster without their YAML: what policies look at.</summary>
    public static ImmutableArray<RenderedObject> Objects(ImmutableArray<ClusterPlan> clusters)
    {
        var cache = new RenderCache();
        return [.. clusters.SelectMany(cluster => Place(cluster, cache, []))];
    }

    private static string Root(ClusterPlan cluster) => $"clusters/{cluster.Name}";

    /// <summary>Every object of one cluster with the file it goes to.</summary>
    private static IEnumerable<RenderedObject> Place(ClusterPlan cluster, RenderCache cache, List<Diagnostic> diagnostics)
    {
        var factory = new ObjectFactory(cluster);
        var context = new EmitContext(factory, cache, diagnostics);
        var components = Emitters.All.SelectMany(e => e.Emit(cluster, context)).ToList();

        var root = Root(cluster);
        var placed = new List<(string Path, IKubernetesObject Object)>
        {
            ($"{root}/namespace.yaml", new Namespace(factory.Meta(cluster.Namespace, "telemetry", cluster.Cluster, clusterScoped: true))),
        };
        placed.AddRange(components.SelectMany(c => c.Objects.Select(o => ($"{root}/{c.Folder}/{o.Kind.ToLowerInvariant()}-{o.Metadata.Name}.yaml", o))));
        return placed.Select(p => new RenderedObject(cluster.Name, p.Path, p.Object, factory.SourceOf(p.Object.Metadata)));
    }
}

/// <summary>
/// The rendered files, ordered by path, the cluster objects in them, what the spec says that they leave out (each
/// named in a TELC501 info), and any problem found while rendering.
/// </summary>
public sealed record RenderResult(
    ImmutableArray<OutputFile> Files, ImmutableArray<RenderedObject> Objects, ImmutableArray<UnrenderedPart> Unrendered, IReadOnlyList<Diagnostic> Diagnostics);
