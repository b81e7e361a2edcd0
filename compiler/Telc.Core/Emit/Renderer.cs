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

/// <summary>Turns a checked spec into the whole output tree: a pure function from the compilation to files.</summary>
public static class Renderer
{
    /// <param name="outputPath">Where the tree lives inside the git repository, for the paths GitOps objects point at;
    /// the Project's output.path when not given.</param>
    /// <param name="cluster">Render only this cluster's folder (and no GitOps objects).</param>
    public static RenderResult Render(Compilation compilation, string? outputPath = null, string? cluster = null)
    {
        var model = compilation.Model;
        var clusters = cluster is null ? compilation.Clusters : [.. compilation.Clusters.Where(c => c.Name == cluster)];
        var objects = cluster is null ? compilation.Objects : [.. compilation.Objects.Where(o => o.Cluster == cluster)];
        var cache = new RenderCache();
        var files = objects.Select(o => new OutputFile(o.Path, cache.Yaml(o.Object))).ToList();
        foreach (var plan in clusters)
        {
            var root = Root(plan);
            var resources = objects.Where(o => o.Cluster == plan.Name).Select(o => o.Path[(root.Length + 1)..]).Order(StringComparer.Ordinal).ToImmutableArray();
            files.Add(new OutputFile($"{root}/kustomization.yaml", cache.Yaml(new Kustomization(resources))));
        }

        if (cluster is null && model.OfKind<ProjectSpec>().FirstOrDefault() is { Spec.GitOps.Flavour: not GitOpsFlavour.None } project)
        {
            files.AddRange(GitOpsEmitter.Emit(clusters, project.Resource, outputPath ?? project.Spec.Output?.Path ?? "rendered")
                .Select(o => new OutputFile(o.Path, cache.Yaml(o.Object))));
        }

        files.Add(new OutputFile(Output.TreeWriter.MarkerFile, Output.TreeWriter.MarkerText));
        return new RenderResult([.. files.OrderBy(f => f.Path, StringComparer.Ordinal)], objects);
    }

    /// <summary>The objects of every cluster, without their YAML: what the name checks, policies and files are made of.</summary>
    /// <param name="diagnostics">Where problems found while emitting go (a rule group too large for a ConfigMap).</param>
    public static ImmutableArray<RenderedObject> Emit(ImmutableArray<ClusterPlan> clusters, ICollection<Diagnostic> diagnostics)
    {
        var cache = new RenderCache();
        return [.. clusters.SelectMany(cluster => Place(cluster, cache, diagnostics))];
    }

    private static string Root(ClusterPlan cluster) => $"clusters/{cluster.Name}";

    /// <summary>Every object of one cluster with the file it goes to.</summary>
    private static IEnumerable<RenderedObject> Place(ClusterPlan cluster, RenderCache cache, ICollection<Diagnostic> diagnostics)
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

/// <summary>The rendered files, ordered by path, and the cluster objects in them.</summary>
public sealed record RenderResult(ImmutableArray<OutputFile> Files, ImmutableArray<RenderedObject> Objects);
