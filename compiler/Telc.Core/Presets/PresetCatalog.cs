using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Schema;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Presets;

/// <summary>
/// The presets a spec can switch on: the built-in catalog compiled into telc, and the project's own under
/// <c>presets/</c> of its spec root. Each preset folder is read like a spec (parsed, bound, checked), so a mistake
/// in it is a diagnostic at its line.
/// </summary>
public sealed class PresetCatalog
{
    /// <summary>The folder of a catalog, in the repository and under a spec root.</summary>
    public const string FolderName = "presets";

    /// <summary>Display paths of built-in files start with this, so they are not taken for files of the spec.</summary>
    public const string BuiltInPrefix = "builtin:";

    private static readonly Lazy<(PresetCatalog Catalog, ImmutableArray<Diagnostic> Diagnostics)> builtIn = new(LoadBuiltIn);

    private PresetCatalog(ImmutableSortedDictionary<string, ImmutableArray<Preset>> presets) => Presets = presets;

    public static PresetCatalog Empty { get; } = new(ImmutableSortedDictionary<string, ImmutableArray<Preset>>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>The catalog compiled into telc; its own diagnostics are <see cref="BuiltInDiagnostics"/> (none in a release).</summary>
    public static PresetCatalog BuiltIn => builtIn.Value.Catalog;

    public static ImmutableArray<Diagnostic> BuiltInDiagnostics => builtIn.Value.Diagnostics;

    /// <summary>Every version of every preset by name, versions ascending.</summary>
    public ImmutableSortedDictionary<string, ImmutableArray<Preset>> Presets { get; }

    /// <summary>Whether a spec path is in the project's own catalog, which is read as presets rather than as spec documents.</summary>
    public static bool IsCatalogPath(string specPath) => specPath.StartsWith(FolderName + "/", StringComparison.Ordinal);

    /// <summary>The highest version of a preset in every range given; null when there is none.</summary>
    public Preset? Find(string name, params string[] ranges) =>
        Presets.TryGetValue(name, out var versions) ? versions.LastOrDefault(p => ranges.All(p.Version.Matches)) : null;

    /// <summary>This catalog with another's presets added; a version both have is reported and the other's dropped.</summary>
    public PresetCatalog With(PresetCatalog own, List<Diagnostic> diagnostics) => Adding(own.Presets.Values.SelectMany(v => v), diagnostics);

    /// <summary>This catalog with presets added one by one; a version already in it is reported and dropped.</summary>
    private PresetCatalog Adding(IEnumerable<Preset> presets, List<Diagnostic> diagnostics)
    {
        var merged = Presets.ToBuilder();
        foreach (var preset in presets)
        {
            var have = merged.TryGetValue(preset.Name, out var existing) ? existing : [];
            if (have.FirstOrDefault(p => p.Version.Equals(preset.Version)) is { } clash)
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidPreset, ((PresetSpec)preset.Manifest.Spec).Version.Location,
                    $"preset '{preset.Name}' {preset.Version} is in the {(clash.BuiltIn ? "built-in catalog" : "catalog")} already ({clash.Manifest.File.Path})",
                    "give each version its own number, or your preset another name"));
                continue;
            }

            merged[preset.Name] = [.. have.Add(preset).OrderBy(p => p.Version)];
        }

        return new PresetCatalog(merged.ToImmutable());
    }

    /// <summary>Reads the preset folders among some files (spec paths presets/&lt;name&gt;/*.yaml; tests/ and other sub-folders are not read).</summary>
    public static PresetCatalog Load(IEnumerable<SourceFile> files, bool builtIn, List<Diagnostic> diagnostics)
    {
        var presets = new List<Preset>();
        foreach (var folder in files.Where(f => IsCatalogPath(f.SpecPath)).GroupBy(f => FolderOf(f.SpecPath), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (folder.Key is null)
            {
                diagnostics.AddRange(folder.Select(f => Diagnostic.InFile(DiagnosticCatalogue.InvalidPreset, f.Path,
                    "a file directly under presets/ is not in a preset folder", "move it to presets/<name>/, the folder of the preset it belongs to")));
                continue;
            }

            if (PresetLoader.Load(folder.Key, [.. folder.Where(f => IsInFolder(f.SpecPath))], builtIn, diagnostics) is { } preset)
            {
                presets.Add(preset);
            }
        }

        return Empty.Adding(presets, diagnostics);
    }

    /// <summary>The preset folder of a catalog path: presets/&lt;name&gt;/ or presets/&lt;name&gt;/&lt;version&gt;/; null for a file directly under presets/.</summary>
    private static string? FolderOf(string specPath)
    {
        var parts = specPath.Split('/');
        return parts.Length < 3 ? null : parts.Length >= 4 && PresetVersion.Parse(parts[2]) is not null ? string.Join('/', parts[..3]) : string.Join('/', parts[..2]);
    }

    private static bool IsInFolder(string specPath)
    {
        var parts = specPath.Split('/');
        return parts.Length == 3 || (parts.Length == 4 && PresetVersion.Parse(parts[2]) is not null);
    }

    private static (PresetCatalog, ImmutableArray<Diagnostic>) LoadBuiltIn()
    {
        var assembly = typeof(PresetCatalog).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => IsCatalogPath(n) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return new SourceFile(BuiltInPrefix + name, name, reader.ReadToEnd());
            });
        var diagnostics = new List<Diagnostic>();
        var catalog = Load(files, builtIn: true, diagnostics);
        return (catalog, [.. diagnostics]);
    }
}
