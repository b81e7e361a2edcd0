using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Schema;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Presets;

/// <summary>Reads one preset folder: its manifest, AlertGroups and Dashboards, bound with the options at their defaults and checked.</summary>
public static class PresetLoader
{
    public static Preset? Load(string folder, IReadOnlyList<SourceFile> files, bool builtIn, List<Diagnostic> diagnostics)
    {
        var documents = new List<YamlDocument>();
        foreach (var file in files.Where(f => Sources.SpecFileNames.IsSpecFile(Path.GetFileName(f.SpecPath))))
        {
            var parsed = YamlParser.Parse(file);
            diagnostics.AddRange(parsed.Diagnostics);
            documents.AddRange(parsed.Documents);
        }

        var manifests = documents.Where(IsManifest).ToArray();
        var name = folder.Split('/')[1];
        if (manifests.Length != 1)
        {
            if (files.Count > 0)
            {
                diagnostics.Add(manifests.Length == 0
                    ? Diagnostic.InFile(DiagnosticCatalogue.InvalidPreset, files[0].Path, $"preset folder '{folder}' has no Preset manifest",
                        $"add {folder}/preset.yaml with 'kind: Preset' and 'metadata: {{ name: {name} }}'")
                    : Diagnostic.At(DiagnosticCatalogue.InvalidPreset, new SourceLocation(manifests[1].File, manifests[1].Root.Span),
                        $"preset folder '{folder}' has more than one Preset manifest", "keep one; each version of a preset is a folder of its own"));
            }

            return null;
        }

        var defaults = DeclaredDefaults(manifests[0]).SetItem(OptionSubstitution.PresetName, name);
        var resources = new List<Resource>();
        var failed = false;
        foreach (var document in documents)
        {
            var count = diagnostics.Count;
            var resource = DocumentBinder.Bind(OptionSubstitution.Apply(document, defaults, diagnostics), ShapeCatalog.Instance, diagnostics);
            failed |= diagnostics.Skip(count).Any(d => d.Level == DiagnosticLevel.Error) || resource is not { IsComplete: true };
            if (resource is not null)
            {
                resources.Add(resource);
            }
        }

        var manifest = resources.FirstOrDefault(r => r.Spec is PresetSpec);
        if (manifest is null || failed)
        {
            return null;
        }

        var spec = (PresetSpec)manifest.Spec;
        var groups = resources.Where(r => r.Spec is AlertGroupSpec).ToImmutableArray();
        var dashboards = resources.Where(r => r.Spec is DashboardSpec).ToImmutableArray();
        var problems = diagnostics.Count;
        Check(folder, name, manifest, spec, resources, groups, dashboards, diagnostics);
        if (diagnostics.Count > problems)
        {
            return null;
        }

        return new Preset(name, PresetVersion.Parse(spec.Version.Value)!, manifest, spec, groups, dashboards, [.. documents], builtIn);
    }

    /// <summary>The options a manifest declares with their defaults, read before it is bound: its own strings may use them.</summary>
    private static ImmutableSortedDictionary<string, string> DeclaredDefaults(YamlDocument manifest)
    {
        var options = ((manifest.Root as YamlMapping)?.Find("spec")?.Value as YamlMapping)?.Find("options")?.Value as YamlSequence;
        return (options?.Items ?? []).OfType<YamlMapping>()
            .Select(o => (Name: o.Find("name")?.Value as YamlScalar, Default: o.Find("default")?.Value as YamlScalar))
            .Where(o => o.Name is not null)
            .GroupBy(o => o.Name!.Value, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(g => g.Key, g => g.First().Default?.Value ?? string.Empty, StringComparer.Ordinal);
    }

    private static void CheckNames(ImmutableArray<Located<string>> names, string[] known, string noun, List<Diagnostic> diagnostics)
    {
        foreach (var name in names.Where(n => !known.Contains(n.Value)))
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidPreset, name.Location, $"'{name.Value}' is not a {noun}",
                Suggestions.Hint(name.Value, known, noun) ?? $"one of {string.Join(", ", known)}"));
        }
    }

    private static bool IsManifest(YamlDocument document) =>
        document.Root is YamlMapping root && root.Find("kind")?.Value is YamlScalar { Value: "Preset" };

    private static void Check(
        string folder, string name, Resource manifest, PresetSpec spec, List<Resource> resources, ImmutableArray<Resource> groups, ImmutableArray<Resource> dashboards,
        List<Diagnostic> diagnostics)
    {
        void Report(SourceLocation location, string message, string hint) => diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidPreset, location, message, hint));

        if (manifest.Name != name)
        {
            Report(manifest.Location, $"the preset in folder '{folder}' is named '{manifest.Name}'", $"name it '{name}', or rename the folder to presets/{manifest.Name}/");
        }

        var versionFolder = folder.Split('/').ElementAtOrDefault(2);
        if (versionFolder is not null && versionFolder != spec.Version.Value)
        {
            Report(spec.Version.Location, $"version {spec.Version.Value} is in the folder of version {versionFolder}", $"write version: {versionFolder}, or rename the folder");
        }

        CheckNames(spec.Platforms, Enum.GetValues<Platform>().Select(Preset.YamlName).ToArray(), "platform", diagnostics);
        CheckNames(spec.Requires, Enum.GetValues<PresetInput>().Select(Preset.YamlName).ToArray(), "input", diagnostics);

        foreach (var duplicate in spec.Options.GroupBy(o => o.Name.Value).Where(g => g.Count() > 1).Select(g => g.Last()))
        {
            Report(duplicate.Name.Location, $"option '{duplicate.Name.Value}' is declared twice", "keep one declaration");
        }

        foreach (var resource in resources.Where(r => r.Spec is not (PresetSpec or AlertGroupSpec or DashboardSpec)))
        {
            Report(resource.Location, $"a preset holds its manifest, AlertGroups and Dashboards; {resource.Kind.Name} '{resource.Name}' cannot be part of one",
                resource.Spec is MetricPipelineSpec ? "write its scrape jobs under spec.scrape of preset.yaml" : "move it to the spec");
        }

        foreach (var group in groups)
        {
            if (((AlertGroupSpec)group.Spec).Backend is { } backend)
            {
                Report(backend.Location, $"AlertGroup '{group.Name}' of a preset names a backend", "leave backend out: a preset's rules run on the Prometheus of each cluster that switches it on");
            }
        }

        foreach (var dashboard in dashboards)
        {
            if (dashboard.Spec is not DashboardSpec { Panels.IsDefaultOrEmpty: false, Grafana: null, Datasource: null })
            {
                Report(dashboard.Location, $"Dashboard '{dashboard.Name}' of a preset is built from panels and names no Grafana or data source",
                    "write its panels: they are shown by every Grafana of each cluster that switches the preset on, on that cluster's Prometheus");
            }
        }

        foreach (var duplicate in groups.Concat(dashboards).GroupBy(g => (g.Kind, g.Name)).Where(g => g.Count() > 1).Select(g => g.Last()))
        {
            Report(duplicate.Location, $"{duplicate.Kind.Name} '{duplicate.Name}' is declared twice in this preset", "give each its own name");
        }

        var parts = groups.Concat(dashboards).Select(g => g.Name).Concat(spec.Scrape.Select(s => s.Name)).ToArray();
        foreach (var part in spec.ControlPlane.Where(p => !parts.Contains(p.Value)))
        {
            Report(part.Location, $"controlPlane names '{part.Value}', which is no scrape job, AlertGroup or Dashboard of this preset",
                Suggestions.Hint(part.Value, parts, "part") ?? "name its scrape jobs and AlertGroups that watch the control plane");
        }

        foreach (var duplicate in spec.Scrape.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Last()))
        {
            Report(duplicate.Location, $"scrape job '{duplicate.Name}' is declared twice", "give each job its own name");
        }
    }
}
