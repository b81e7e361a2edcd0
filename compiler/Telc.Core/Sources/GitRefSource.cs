using System.Text;
using Telc.Diagnostics;
using Telc.Text;

namespace Telc.Sources;

/// <summary>
/// Reads the spec files as they are at a git ref, through the git CLI and without a checkout,
/// so a dirty or different working tree does not matter.
/// </summary>
public sealed class GitRefSource(string path, string reference, string displayBase) : ISpecSource
{
    private const string SymlinkMode = "120000";

    public SourceSet Read()
    {
        var (repository, sha, requested) = Resolve();
        var entries = ListTree(repository, sha, requested);
        var projectRoot = SpecFileNames.Combine(requested, SpecFileNames.DefaultRoot);
        var root = entries.Keys.Any(p => p.StartsWith(projectRoot + "/", StringComparison.Ordinal)) ? projectRoot : requested;
        var prefix = root.Length == 0 ? string.Empty : root + "/";
        var inRoot = entries.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (inRoot.Count == 0 && !entries.ContainsKey(root))
        {
            throw new SpecSourceException($"'{(root.Length == 0 ? "." : root)}' does not exist at git ref '{reference}'", folderMissing: true);
        }

        var diagnostics = new List<Diagnostic>();
        var wanted = new List<(string SpecPath, string Display, TreeEntry Entry)>();
        foreach (var (repoPath, entry) in inRoot.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var specPath = repoPath[prefix.Length..];
            if (!IsSelected(specPath))
            {
                continue;
            }

            var display = Display(repository, repoPath);
            var resolved = entry.Mode == SymlinkMode ? ResolveLink(repository, sha, repoPath, prefix, inRoot, display, diagnostics) : entry;
            if (resolved is null)
            {
                continue;
            }

            if (resolved.Size > SpecFileNames.MaxFileBytes)
            {
                diagnostics.Add(Diagnostic.InFile(DiagnosticCatalogue.FileTooLarge, display,
                    $"file is {resolved.Size / (1024.0 * 1024.0):0.0} MiB; spec files may be at most {SpecFileNames.MaxFileBytes / (1024 * 1024)} MiB",
                    "split it into several files"));
                continue;
            }

            wanted.Add((specPath, display, resolved));
        }

        var blobs = Git.ReadBlobs(repository, wanted.Select(w => w.Entry.Sha).Distinct().ToArray());
        var files = new List<SourceFile>();
        foreach (var (specPath, display, entry) in wanted)
        {
            var decoded = SourceDecoder.Decode(blobs[entry.Sha], display, specPath, diagnostics);
            if (decoded is not null)
            {
                files.Add(decoded);
            }
        }

        // Files a document may name (a dashboard's JSON): regular files with content; links and submodules are not.
        var allPaths = inRoot.Where(e => e.Value.Mode is "100644" or "100755" && e.Value.Size > 0).Select(e => e.Key[prefix.Length..]).ToHashSet(StringComparer.Ordinal);
        return new SourceSet(Display(repository, root) + "@" + reference, files, allPaths, diagnostics);
    }

    /// <summary>
    /// The files under the folder at the ref whose names end with <paramref name="extension"/>, as (display path,
    /// path in the repository, UTF-8 text): what <c>--trusted-policies-ref</c> reads policies from. No folder, no files.
    /// </summary>
    public IReadOnlyList<(string Display, string RepositoryFile, string Text)> ReadFolder(string extension)
    {
        var (repository, sha, requested) = Resolve();
        var files = ListTree(repository, sha, requested)
            .Where(e => e.Key.EndsWith(extension, StringComparison.Ordinal) && e.Value.Mode != SymlinkMode && e.Value.Size <= SpecFileNames.MaxFileBytes)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToArray();
        var blobs = Git.ReadBlobs(repository, files.Select(f => f.Value.Sha).Distinct().ToArray());
        return [.. files.Select(f => (Display(repository, f.Key), Path.Combine(repository, f.Key), Encoding.UTF8.GetString(blobs[f.Value.Sha])))];
    }

    private (string Repository, string Commit, string Requested) Resolve()
    {
        var fullPath = Path.GetFullPath(path);
        var probe = Directory.Exists(fullPath) ? fullPath : Path.GetDirectoryName(fullPath) ?? fullPath;
        while (!Directory.Exists(probe) && Path.GetDirectoryName(probe) is { } parent)
        {
            probe = parent;
        }

        var topLevel = Git.Run(probe, ["rev-parse", "--show-toplevel"], allowFailure: true);
        if (topLevel.ExitCode != 0)
        {
            throw new SpecSourceException($"'{path}' is not inside a git repository: {topLevel.Error.Trim()}");
        }

        var repository = topLevel.Output.Trim();
        var commit = Git.Run(repository, ["rev-parse", "--verify", "--quiet", "--end-of-options", GitRef.Checked(reference) + "^{commit}"], allowFailure: true);
        if (commit.ExitCode != 0 || !GitRef.IsCommitId(commit.Output.Trim()))
        {
            throw new SpecSourceException($"git ref '{reference}' does not name a commit in {repository}");
        }

        return (repository, commit.Output.Trim(), RepositoryPath(repository, fullPath));
    }

    private static bool IsSelected(string specPath)
    {
        var parts = specPath.Split('/');
        return SpecFileNames.IsRead(parts[^1]) && !parts[..^1].Any(SpecFileNames.IsIgnoredFolder);
    }

    private static TreeEntry? ResolveLink(
        string repository, string sha, string repoPath, string prefix, Dictionary<string, TreeEntry> inRoot, string display, List<Diagnostic> diagnostics)
    {
        var target = Encoding.UTF8.GetString(Git.ReadBlobs(repository, [inRoot[repoPath].Sha]).Values.Single());
        var directory = repoPath.Contains('/') ? repoPath[..repoPath.LastIndexOf('/')] : string.Empty;
        var normalized = target.StartsWith('/') ? null : SpecFileNames.Normalize(SpecFileNames.Combine(directory, target));
        if (normalized is null || !normalized.StartsWith(prefix, StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.InFile(DiagnosticCatalogue.SymlinkOutsideRoot, display,
                $"symbolic link points to '{target}', outside the spec root",
                "copy the file into the spec root; links may only point inside it"));
            return null;
        }

        if (!inRoot.TryGetValue(normalized, out var resolved) || resolved.Mode == SymlinkMode)
        {
            diagnostics.Add(Diagnostic.InFile(DiagnosticCatalogue.FileUnreadable, display,
                $"symbolic link points to '{target}', which is not a file at this ref"));
            return null;
        }

        return resolved;
    }

    private static Dictionary<string, TreeEntry> ListTree(string repository, string sha, string requested)
    {
        var arguments = new List<string> { "ls-tree", "-r", "-z", "-l", "--full-tree", sha };
        if (requested.Length > 0)
        {
            arguments.Add("--");
            arguments.Add(requested);
        }

        var result = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        foreach (var record in Git.Run(repository, arguments).Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> SP <type> SP <sha> SP+ <size> TAB <path>"
            var tab = record.IndexOf('\t');
            var fields = record[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[1] != "blob")
            {
                continue;
            }

            result[record[(tab + 1)..]] = new TreeEntry(fields[0], fields[2], long.TryParse(fields[3], out var size) ? size : 0);
        }

        return result;
    }

    private static string RepositoryPath(string repository, string fullPath)
    {
        var relative = Path.GetRelativePath(repository, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        if (relative == ".")
        {
            return string.Empty;
        }

        if (relative.StartsWith("../", StringComparison.Ordinal) || relative == "..")
        {
            throw new SpecSourceException($"'{fullPath}' is outside the git repository {repository}");
        }

        return relative.TrimEnd('/');
    }

    private string Display(string repository, string repoPath) =>
        Path.GetRelativePath(displayBase, Path.Combine(repository, repoPath)).Replace(Path.DirectorySeparatorChar, '/');

    private sealed record TreeEntry(string Mode, string Sha, long Size);
}
