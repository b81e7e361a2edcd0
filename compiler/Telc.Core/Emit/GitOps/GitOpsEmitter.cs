using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Spec.Kinds;
using Telc.Spec;

namespace Telc.Emit.GitOps;

/// <summary>
/// How Argo CD or Flux finds each cluster's folder: one Application per cluster (or one ApplicationSet), or one Flux
/// Kustomization per cluster applied through that cluster's kubeconfig Secret.
/// </summary>
public static class GitOpsEmitter
{
    /// <param name="outputPath">The output folder's path inside the git repository, which Argo CD and Flux read.</param>
    /// <param name="project">The Project, whose labels and annotations the objects carry.</param>
    public static IEnumerable<(string Path, IKubernetesObject Object)> Emit(ImmutableArray<ClusterPlan> clusters, Resource project, string outputPath)
    {
        var gitOps = ((ProjectSpec)project.Spec).GitOps!;
        outputPath = outputPath.Trim('/');
        var provenance = ObjectFactory.WithTelcs(project.Metadata.Annotations, ObjectFactory.Provenance(gitOps.Location));
        var labels = ObjectFactory.WithTelcs(project.Metadata.Labels,
            ObjectFactory.Map(("app.kubernetes.io/managed-by", "telc"), ("app.kubernetes.io/name", "telemetry"), ("app.kubernetes.io/part-of", "telemetry")));
        switch (gitOps.Flavour)
        {
            case GitOpsFlavour.ArgoCd when gitOps.ApplicationSet:
                var template = new ApplicationTemplate(
                    new ObjectMeta("telemetry-{{.cluster}}", "argocd"),
                    Spec("{{.cluster}}", "{{.namespace}}", $"{outputPath}/clusters/{{{{.cluster}}}}", gitOps));
                var elements = clusters.Select(c => ObjectFactory.Map(("cluster", c.Name), ("namespace", c.Namespace))).ToImmutableArray();
                yield return ("argocd/applicationset.yaml", new ApplicationSet(
                    new ObjectMeta("telemetry", "argocd", labels, provenance), new ApplicationSetSpec([new ApplicationSetGenerator(new ListGenerator(elements))], template)));
                break;
            case GitOpsFlavour.ArgoCd:
                foreach (var cluster in clusters)
                {
                    yield return ($"argocd/{cluster.Name}.yaml", new Application(
                        new ObjectMeta($"telemetry-{cluster.Name}", "argocd", labels, provenance),
                        Spec(cluster.Name, cluster.Namespace, $"{outputPath}/clusters/{cluster.Name}", gitOps)));
                }

                break;
            case GitOpsFlavour.Flux:
                yield return ("flux/gitrepository.yaml", new GitRepository(
                    new ObjectMeta("telemetry", "flux-system", labels, provenance), new GitRepositorySpec("1m", gitOps.RepoUrl!, FluxRef(gitOps))));
                foreach (var cluster in clusters)
                {
                    yield return ($"flux/{cluster.Name}.yaml", new FluxKustomization(
                        new ObjectMeta($"telemetry-{cluster.Name}", "flux-system", labels, provenance),
                        new FluxKustomizationSpec("10m", $"./{outputPath}/clusters/{cluster.Name}", true, new FluxSourceRef("telemetry"),
                            new FluxKubeConfig(new FluxSecretRef($"{cluster.Name}-kubeconfig")))));
                }

                break;
        }
    }

    private static ApplicationSpec Spec(string cluster, string ns, string path, GitOpsSettings gitOps) => new(
        "default",
        new ApplicationSource(gitOps.RepoUrl!, gitOps.Revision, path),
        new ApplicationDestination(cluster, ns),
        new SyncPolicy(new AutomatedSync(), ["ServerSideApply=true"]));

    private static GitRepositoryRef FluxRef(GitOpsSettings gitOps) => gitOps.EffectiveRevisionKind switch
    {
        RevisionKind.Tag => new(Tag: gitOps.Revision),
        RevisionKind.Semver => new(Semver: gitOps.Revision),
        RevisionKind.Commit => new(Commit: gitOps.Revision),
        _ => new(Branch: gitOps.Revision),
    };
}
