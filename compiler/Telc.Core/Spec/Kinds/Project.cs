using System.Collections.Immutable;
using Telc.Spec.Values;

namespace Telc.Spec.Kinds;

[Doc("Settings for the whole repository: output layout, GitOps flavour, environments, preset pins, policies and defaults. At most one per spec.")]
public sealed record ProjectSpec(
    [Doc("Where and how rendered manifests are written.")] OutputSettings? Output,
    [Doc("Which GitOps tool applies the rendered manifests.")] GitOpsSettings? GitOps,
    [Doc("Environments clusters may belong to, each a name with its tier (production, staging, development); dev, stage and prod when left out.")]
    ImmutableArray<EnvironmentDeclaration> Environments,
    [Doc("Preset versions pinned for every cluster.")] ImmutableArray<PresetUse> Presets,
    [Doc("Level and options of each policy, by policy id.")] ImmutableSortedDictionary<string, PolicySettings> Policies,
    [Doc("Defaults applied wherever a document leaves a value out.")] ProjectDefaults? Defaults) : SpecNode;

[Doc("Where rendered manifests go.")]
public sealed record OutputSettings(
    [Doc("Output folder, relative to the repository root."), Default("rendered")] string Path) : SpecNode;

public enum GitOpsFlavour
{
    [YamlName("argocd")] ArgoCd,
    Flux,
    None,
}

[Doc("GitOps objects rendered next to the cluster folders.")]
public sealed record GitOpsSettings(
    [Doc("argoCd renders Applications, flux renders Kustomizations, none renders neither."), Default(GitOpsFlavour.ArgoCd)] GitOpsFlavour Flavour,
    [Doc("Git repository that holds the rendered manifests.")] string? RepoUrl,
    [Doc("Branch, tag, semver range over tags, or commit the GitOps tool follows."), Default("main")] string Revision,
    [Doc("What revision names: branch, tag, semver (a range over tags such as >=1.2.0 <2.0.0) or commit (a full SHA). A full SHA is a commit and anything else a branch unless this says otherwise; Flux needs to know, Argo CD takes any.")]
    RevisionKind? RevisionKind,
    [Doc("Argo CD: one ApplicationSet instead of one Application per cluster."), Default(false)] bool ApplicationSet) : SpecNode
{
    /// <summary>What <see cref="Revision"/> names: as written, else a commit for a full SHA and a branch otherwise.</summary>
    public RevisionKind EffectiveRevisionKind => RevisionKind ?? (Sources.GitRef.IsCommitId(Revision) ? Kinds.RevisionKind.Commit : Kinds.RevisionKind.Branch);
}

public enum RevisionKind
{
    Branch,
    Tag,
    Semver,
    Commit,
}

public enum PolicyLevel
{
    Off,
    Info,
    Warning,
    Error,
}

[Doc("How one policy runs.")]
public sealed record PolicySettings(
    [Doc("Level of the policy's findings; off disables it.")] PolicyLevel? Level,
    [Doc("Options passed to the policy.")] ImmutableSortedDictionary<string, string> Options) : SpecNode;

[Doc("Values used when a document leaves them out.")]
public sealed record ProjectDefaults(
    [Doc("Namespace the telemetry stack runs in."), Pattern(Names.DnsLabel, "telemetry"), Default("telemetry")] string Namespace,
    [Doc("How often metrics are scraped."), Default("30s")] Duration ScrapeInterval,
    [Doc("How often rules are evaluated."), Default("30s")] Duration EvaluationInterval) : SpecNode;
