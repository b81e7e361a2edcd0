using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Schema;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Presets;

/// <summary>
/// Expands the presets each cluster switches on into resources of the spec (the preset's AlertGroups with the use's
/// overrides, its Dashboards on the cluster's Prometheus, and a MetricPipeline of its scrape jobs), each applying to the
/// clusters that switch it on the same way.
/// Clusters with the same uses, platform class and Prometheus share one expansion, so 50 clusters do not check a
/// preset's rules 50 times.
/// </summary>
public sealed class PresetExpansion
{
    private static readonly Platform[] ManagedControlPlanes = [Platform.Eks, Platform.Gke, Platform.Aks];

    private readonly SpecModel model;
    private readonly PresetCatalog catalog;
    private readonly List<Diagnostic> diagnostics;
    private readonly HashSet<(PresetUse, string)> reported = [];

    private PresetExpansion(SpecModel model, PresetCatalog catalog, List<Diagnostic> diagnostics)
    {
        this.model = model;
        this.catalog = catalog;
        this.diagnostics = diagnostics;
    }

    /// <summary>The resources the presets of every cluster add to the spec; problems with the uses go to <paramref name="diagnostics"/>.</summary>
    public static ImmutableArray<Resource> Expand(SpecModel model, PresetCatalog catalog, List<Diagnostic> diagnostics) =>
        new PresetExpansion(model, catalog, diagnostics).Run();

    private ImmutableArray<Resource> Run()
    {
        foreach (var (resource, _) in model.OfKind<PresetSpec>())
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidPreset, resource.Location, $"Preset '{resource.Name}' is a spec document, but a Preset belongs in a catalog",
                $"move it to {PresetCatalog.FolderName}/{resource.Name}/preset.yaml under the spec root, with the preset's AlertGroups beside it"));
        }

        var project = model.Project;
        var instances = new Dictionary<Instance, SortedSet<string>>();
        foreach (var (cluster, spec) in model.OfKind<ClusterSpec>().OrderBy(c => c.Resource.Name, StringComparer.Ordinal))
        {
            foreach (var uses in PresetUses.Of(project, spec))
            {
                if (Resolve(uses) is { } preset && InstanceFor(cluster, spec, uses, preset) is { } instance)
                {
                    (instances.TryGetValue(instance, out var clusters) ? clusters : instances[instance] = new(StringComparer.Ordinal)).Add(cluster.Name);
                }
            }
        }

        var expanded = instances.OrderBy(i => i.Key.Preset.Name, StringComparer.Ordinal).ThenBy(i => i.Value.First(), StringComparer.Ordinal)
            .SelectMany(i => Resources(i.Key, [.. i.Value])).ToImmutableArray();
        ReportClashes(expanded);
        return expanded;
    }

    private sealed record Instance(Preset Preset, PresetUses Uses, bool ControlPlane, string Backend);

    private Preset? Resolve(PresetUses uses)
    {
        var use = uses.Nearest;
        var preset = catalog.Find(use.Name, uses.Ranges);
        if (preset is null)
        {
            // A name or range no version has is SemanticChecker's to report; here only a cluster's range outside the Project's pin.
            if (uses is { Project: { } pin, Cluster: { } own } && catalog.Find(own.Name, own.Version) is not null && catalog.Find(pin.Name, pin.Version) is not null)
            {
                Report(own, "pin", DiagnosticCatalogue.UnresolvedReference, $"no version of preset '{own.Name}' is in both {own.Version} (this cluster) and {pin.Version} (the Project's pin)",
                    $"ask for a version within {pin.Version}, or change the Project's pin");
            }

            return null;
        }

        CheckOverrides(uses.Project, preset);
        CheckOverrides(uses.Cluster, preset);
        return preset;
    }

    private Instance? InstanceFor(Resource cluster, ClusterSpec spec, PresetUses uses, Preset preset)
    {
        var use = uses.Effective;
        if (!preset.Spec.Platforms.IsDefaultOrEmpty && !preset.Spec.Platforms.Any(p => p.Value == Yaml(spec.Platform)))
        {
            Report(uses.Nearest, "platform " + spec.Platform, DiagnosticCatalogue.PresetDoesNotFit,
                $"preset '{preset.Name}' is made for {string.Join(", ", preset.Spec.Platforms.Select(p => p.Value))}, not for {Yaml(spec.Platform)} (cluster '{cluster.Name}')",
                "switch it on only in the clusters it fits");
        }

        var prometheus = model.OfKind<BackendSpec>().Where(b => b.Spec.Prometheus is not null && Lowering.ClusterLowering.AppliesTo(b.Spec.Clusters, cluster.Name))
            .Select(b => b.Resource.Name).Order(StringComparer.Ordinal).FirstOrDefault();
        if (prometheus is null)
        {
            Report(uses.Nearest, "prometheus " + cluster.Name, DiagnosticCatalogue.OverrideDoesNotApply,
                $"preset '{preset.Name}' needs a Prometheus to scrape and evaluate its rules, and cluster '{cluster.Name}' has none",
                "declare a Prometheus backend for the cluster, or switch the preset on only where one runs");
            return null;
        }

        foreach (var input in preset.Inputs.Where(i => !Collected(cluster.Name, i)))
        {
            Report(uses.Nearest, $"input {input} {cluster.Name}", DiagnosticCatalogue.PresetDoesNotFit,
                $"preset '{preset.Name}' reads metrics of the {Yaml(input)} input, which no MetricPipeline of cluster '{cluster.Name}' collects",
                $"set input.{Yaml(input)} in a MetricPipeline that runs in '{cluster.Name}'");
        }

        return new Instance(preset, uses, use.ControlPlane ?? !ManagedControlPlanes.Contains(spec.Platform), prometheus);
    }

    private bool Collected(string cluster, PresetInput input) => model.OfKind<MetricPipelineSpec>()
        .Where(p => p.Resource.Origin is null && Lowering.ClusterLowering.AppliesTo(p.Spec.Clusters, cluster))
        .Any(p => input switch
        {
            PresetInput.Prometheus => p.Spec.Input.Prometheus is not null,
            PresetInput.Otlp => p.Spec.Input.Otlp is { Enabled: true },
            PresetInput.Runtime => p.Spec.Input.Runtime is { Enabled: true },
            PresetInput.Node => p.Spec.Input.Node is { Enabled: true },
            PresetInput.KubeState => p.Spec.Input.KubeState is { Enabled: true },
            _ => p.Spec.Input.Istio is { Enabled: true },
        });

    private IEnumerable<Resource> Resources(Instance instance, ImmutableSortedSet<string> clusters)
    {
        var (preset, uses, controlPlane, backend) = instance;
        var use = uses.Effective;
        var origin = new PresetOrigin(preset.Name, clusters);
        var (manifest, groups, dashboards) = Bound(preset, use);
        bool On(string part) => controlPlane || !preset.IsControlPlane(part);

        foreach (var group in groups.Where(g => On(g.Name)))
        {
            var spec = (AlertGroupSpec)group.Spec;
            var rules = spec.Rules
                .Where(r => r.Alert is null || !use.Alerts.TryGetValue(r.Alert.Value, out var change) || change.Enabled)
                .Select(r => r.Alert is not null && use.Alerts.TryGetValue(r.Alert.Value, out var change) ? AlertOverrides.Apply(r, change) : r)
                .ToImmutableArray();
            if (!rules.IsEmpty)
            {
                yield return group with { Spec = spec with { Backend = new Located<string>(backend, use.Location), Rules = rules }, Origin = origin };
            }
        }

        foreach (var dashboard in dashboards.Where(d => On(d.Name) && (!use.Dashboards.TryGetValue(d.Name, out var change) || change.Enabled)))
        {
            yield return dashboard with { Spec = (DashboardSpec)dashboard.Spec with { Datasource = new Located<string>(backend, use.Location) }, Origin = origin };
        }

        var scrape = manifest.Scrape.Where(s => On(s.Name)).ToImmutableArray();
        if (!scrape.IsEmpty)
        {
            yield return ScrapePipeline(preset, manifest, scrape, clusters, backend, use) with { Origin = origin };
        }
    }

    /// <summary>The manifest, AlertGroups and Dashboards with a use's options: those bound at the defaults when it sets none.</summary>
    private (PresetSpec Manifest, ImmutableArray<Resource> Groups, ImmutableArray<Resource> Dashboards) Bound(Preset preset, PresetUse use)
    {
        var values = preset.OptionValues(use.Params);
        if (values.SequenceEqual(preset.OptionValues(ImmutableSortedDictionary<string, string>.Empty)))
        {
            return (preset.Spec, preset.Groups, preset.Dashboards);
        }

        var resources = preset.Documents
            .Select(d => DocumentBinder.Bind(OptionSubstitution.Apply(d, values, diagnostics), ShapeCatalog.Instance, diagnostics))
            .OfType<Resource>().ToArray();
        return (resources.Select(r => r.Spec).OfType<PresetSpec>().FirstOrDefault() ?? preset.Spec, [.. resources.Where(r => r.Spec is AlertGroupSpec)],
            [.. resources.Where(r => r.Spec is DashboardSpec)]);
    }

    private static Resource ScrapePipeline(Preset preset, PresetSpec manifest, ImmutableArray<ScrapeSelector> scrape, ImmutableSortedSet<string> clusters, string backend, PresetUse use)
    {
        var at = preset.Manifest.Location;
        var spec = new MetricPipelineSpec(
            [.. clusters.Select(c => new Located<string>(c, use.Location))],
            new MetricInputs(new PrometheusInput(false, null, scrape) { Location = at }, null, null, null, null, null) { Location = at },
            null,
            new PipelineOutput(new Located<string>(backend, use.Location), null) { Location = at },
            null, null, null) { Location = at };
        var metadata = new Metadata(new Located<string>(preset.Name, at), null, $"the scrape jobs of preset {preset.Name} {preset.Version}",
            ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty) { Location = at };
        return new Resource(SpecKinds.MetricPipeline, metadata, spec, preset.Manifest.Document, true);
    }

    private void CheckOverrides(PresetUse? use, Preset preset)
    {
        if (use is null || !reported.Add((use, "overrides")))
        {
            return;
        }

        var options = preset.Spec.Options.Select(o => o.Name.Value).ToArray();
        foreach (var name in use.Params.Keys.Where(k => !options.Contains(k)))
        {
            Add(DiagnosticCatalogue.UnresolvedReference, use, $"preset '{preset.Name}' has no option '{name}'",
                Suggestions.Hint(name, options, "option") ?? (options.Length == 0 ? "it has no options" : "its options: " + string.Join(", ", options)));
        }

        var alerts = preset.Alerts.GroupBy(r => r.Alert!.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (name, change) in use.Alerts)
        {
            if (!alerts.TryGetValue(name, out var alert))
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.UnresolvedReference, change.Location, $"preset '{preset.Name}' {preset.Version} has no alert '{name}'",
                    Suggestions.Hint(name, alerts.Keys.Order(StringComparer.Ordinal).ToArray(), "alert") ?? $"`telc presets show {preset.Name}` lists its alerts"));
            }
            else if (change.Threshold is not null && Threshold.Find((change.Expr ?? alert.Expr).Value) is null)
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.OverrideDoesNotApply, change.Location, $"alert '{name}' compares with no number, so it has no threshold to change",
                    "replace its expr instead"));
            }
        }

        var dashboards = preset.Dashboards.Select(d => d.Name).ToArray();
        foreach (var (name, change) in use.Dashboards.Where(d => !dashboards.Contains(d.Key)))
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.UnresolvedReference, change.Location, $"preset '{preset.Name}' {preset.Version} has no dashboard '{name}'",
                Suggestions.Hint(name, dashboards, "dashboard") ?? (dashboards.Length == 0 ? "it has no dashboards" : "its dashboards: " + string.Join(", ", dashboards))));
        }
    }

    /// <summary>A preset's AlertGroup, Dashboard or pipeline named like one of the spec (or of another preset) in a cluster they share.</summary>
    private void ReportClashes(ImmutableArray<Resource> expanded)
    {
        var all = model.Resources.Where(r => r.Spec is AlertGroupSpec or MetricPipelineSpec or DashboardSpec).Concat(expanded).ToArray();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in expanded)
        {
            var origin = resource.Origin!;
            var clash = all.FirstOrDefault(other => !ReferenceEquals(other, resource) && other.Kind == resource.Kind && other.Name == resource.Name
                && other.Origin?.Preset != origin.Preset && origin.Clusters.Any(c => Shares(other, c)));
            if (clash is not null && named.Add($"{resource.Kind.Name}/{resource.Name}"))
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.DuplicateName, clash.Origin is null ? clash.Location : resource.Location,
                    $"preset '{origin.Preset}' adds {resource.Kind.Name} '{resource.Name}', and {(clash.Origin is null ? "the spec" : $"preset '{clash.Origin.Preset}'")} has one of that name in the same cluster",
                    clash.Origin is null ? "rename yours, or remove it if the preset replaces it" : "switch one of the two presets off"));
            }
        }

        bool Shares(Resource other, string cluster) => other.Spec switch
        {
            MetricPipelineSpec pipeline => other.AppliesTo(cluster) && Lowering.ClusterLowering.AppliesTo(pipeline.Clusters, cluster),
            _ => other.AppliesTo(cluster),
        };
    }

    private void Report(PresetUse use, string what, DiagnosticDescriptor descriptor, string message, string hint)
    {
        if (reported.Add((use, what)))
        {
            Add(descriptor, use, message, hint);
        }
    }

    private void Add(DiagnosticDescriptor descriptor, PresetUse use, string message, string? hint) =>
        diagnostics.Add(Diagnostic.At(descriptor, use.Location, message, hint));

    private static string Yaml<T>(T value)
        where T : struct, Enum => Preset.YamlName(value);
}
