using System.Collections.Immutable;
using Telc.Sources;

namespace Telc.Policies;

/// <summary>
/// The policy files that run: the built-in pack (embedded in telc, from the repository's <c>policies/</c>) and the
/// project's own <c>policies/**/*.csx</c> beside its spec. A project policy with the id of a built-in one replaces it.
/// </summary>
public static class PolicySources
{
    public const string FolderName = "policies";

    private const string Extension = ".csx";

    public static ImmutableArray<ProtocolFile> BuiltIn { get; } = ReadBuiltIn();

    /// <param name="folder">The project's policy folder (<c>policies/</c> beside the spec root), or null for none.</param>
    /// <param name="displayBase">Folder that displayed paths are relative to.</param>
    public static ImmutableArray<ProtocolFile> For(string? folder, string displayBase) =>
        With(folder is not null && Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*" + Extension, SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => new ProtocolFile(Path.GetRelativePath(displayBase, path), path, File.ReadAllText(path)))]
            : []);

    /// <summary>The project's policy folder as it is at a git ref (<c>--trusted-policies-ref</c>): a pull request cannot change them.</summary>
    public static ImmutableArray<ProtocolFile> AtRef(string folder, string reference, string displayBase) =>
        With([.. new GitRefSource(folder, reference, displayBase).ReadFolder(Extension).Select(f => new ProtocolFile(f.Display, f.RepositoryFile, f.Text))]);

    private static ImmutableArray<ProtocolFile> With(ProtocolFile[] own)
    {
        var replaced = own.Select(f => Path.GetFileName(f.Path)).ToHashSet(StringComparer.Ordinal);
        return [.. BuiltIn.Where(f => !replaced.Contains(Path.GetFileName(f.Path))), .. own];
    }

    private static ImmutableArray<ProtocolFile> ReadBuiltIn()
    {
        var assembly = typeof(PolicySources).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(FolderName + "/", StringComparison.Ordinal) && n.EndsWith(".csx", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return new ProtocolFile(name, name, reader.ReadToEnd());
            })];
    }
}
