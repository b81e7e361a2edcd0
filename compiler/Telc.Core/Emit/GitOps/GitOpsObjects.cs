using System.Collections.Immutable;
using Telc.Emit.Kubernetes;

namespace Telc.Emit.GitOps;

// Argo CD: argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/
public sealed record Application(ObjectMeta Metadata, ApplicationSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "argoproj.io/v1alpha1";

    public string Kind => "Application";
}

public sealed record ApplicationSpec(string Project, ApplicationSource Source, ApplicationDestination Destination, SyncPolicy SyncPolicy);

public sealed record ApplicationSource(string RepoURL, string TargetRevision, string Path);

public sealed record ApplicationDestination(string Name, string Namespace);

public sealed record SyncPolicy(AutomatedSync Automated, ImmutableArray<string> SyncOptions);

public sealed record AutomatedSync(bool Prune = true, bool SelfHeal = true);

public sealed record ApplicationSet(ObjectMeta Metadata, ApplicationSetSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "argoproj.io/v1alpha1";

    public string Kind => "ApplicationSet";
}

public sealed record ApplicationSetSpec(ImmutableArray<ApplicationSetGenerator> Generators, ApplicationTemplate Template, bool GoTemplate = true);

public sealed record ApplicationSetGenerator(ListGenerator List);

public sealed record ListGenerator(ImmutableArray<ImmutableSortedDictionary<string, string>> Elements);

public sealed record ApplicationTemplate(ObjectMeta Metadata, ApplicationSpec Spec);

// Flux: fluxcd.io/flux/components/kustomize/kustomizations/
public sealed record FluxKustomization(ObjectMeta Metadata, FluxKustomizationSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "kustomize.toolkit.fluxcd.io/v1";

    public string Kind => "Kustomization";
}

public sealed record GitRepository(ObjectMeta Metadata, GitRepositorySpec Spec) : IKubernetesObject
{
    public string ApiVersion => "source.toolkit.fluxcd.io/v1";

    public string Kind => "GitRepository";
}

public sealed record GitRepositorySpec(string Interval, string Url, GitRepositoryRef Ref);

/// <summary>Exactly one of these is set: the one the Project's revisionKind says.</summary>
public sealed record GitRepositoryRef(string? Branch = null, string? Tag = null, string? Semver = null, string? Commit = null);

public sealed record FluxKustomizationSpec(string Interval, string Path, bool Prune, FluxSourceRef SourceRef, FluxKubeConfig KubeConfig, bool Wait = true);

public sealed record FluxSourceRef(string Name, string Kind = "GitRepository");

public sealed record FluxKubeConfig(FluxSecretRef SecretRef);

public sealed record FluxSecretRef(string Name);
