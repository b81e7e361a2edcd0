using System.Collections.Immutable;
using Telc.Diagnostics;
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
    /// <remarks>
    /// Symbolic links are never followed: a pull request could otherwise point a policy file at any file of the CI
    /// machine (its environment, its keys) and have the compiler print it, or loop a folder into itself.
    /// </remarks>
    public static PolicyFiles For(string? folder, string displayBase)
    {
        var files = new List<ProtocolFile>();
        var problems = new List<Diagnostic>();
        if (folder is not null && Directory.Exists(folder))
        {
            Walk(new DirectoryInfo(folder), displayBase, files, problems);
        }

        return With([.. files], problems);
    }

    private static void Walk(DirectoryInfo directory, string displayBase, List<ProtocolFile> files, List<Diagnostic> problems)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var display = Path.GetRelativePath(displayBase, entry.FullName);
            if (entry.LinkTarget is not null)
            {
                if (entry is DirectoryInfo || entry.Name.EndsWith(Extension, StringComparison.Ordinal))
                {
                    problems.Add(Diagnostic.InFile(DiagnosticCatalogue.PolicyOutsideSandbox, display,
                        $"'{display}' is a symbolic link; links in the policy folder are not followed", "copy the file into the policy folder"));
                }
            }
            else if (entry is DirectoryInfo subfolder)
            {
                Walk(subfolder, displayBase, files, problems);
            }
            else if (entry.Name.EndsWith(Extension, StringComparison.Ordinal) && entry is FileInfo file)
            {
                if (file.Length > SpecFileNames.MaxFileBytes)
                {
                    problems.Add(Diagnostic.InFile(DiagnosticCatalogue.FileTooLarge, display, $"policy file is over {SpecFileNames.MaxFileBytes >> 20} MiB"));
                    continue;
                }

                files.Add(new ProtocolFile(display, file.FullName, RegularFile.ReadText(file.FullName, SpecFileNames.MaxFileBytes) ?? string.Empty));
            }
        }
    }

    /// <summary>The project's policy folder as it is at a git ref (<c>--trusted-policies-ref</c>): a pull request cannot change them.</summary>
    public static PolicyFiles AtRef(string folder, string reference, string displayBase) =>
        With([.. new GitRefSource(folder, reference, displayBase).ReadFolder(Extension).Select(f => new ProtocolFile(f.Display, f.RepositoryFile, f.Text))], []);

    private static PolicyFiles With(ProtocolFile[] own, IReadOnlyList<Diagnostic> problems)
    {
        var replaced = own.Select(f => Path.GetFileName(f.Path)).ToHashSet(StringComparer.Ordinal);
        return new PolicyFiles([.. BuiltIn.Where(f => !replaced.Contains(Path.GetFileName(f.Path))), .. own], problems);
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
