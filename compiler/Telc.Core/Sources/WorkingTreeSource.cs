using Telc.Diagnostics;
using Telc.Text;

namespace Telc.Sources;

/// <summary>Reads every spec file under a folder of the working tree, refusing links that leave it.</summary>
public sealed class WorkingTreeSource(string rootDirectory, string displayBase) : ISpecSource
{
    public SourceSet Read()
    {
        var root = new DirectoryInfo(Path.GetFullPath(rootDirectory));
        if (!root.Exists)
        {
            throw new SpecSourceException($"spec folder '{rootDirectory}' does not exist", folderMissing: true);
        }

        var realRoot = RealPath.Of(root.FullName);
        var diagnostics = new List<Diagnostic>();
        var files = new List<SourceFile>();
        var allPaths = new HashSet<string>(StringComparer.Ordinal);
        Walk(root, string.Empty, realRoot, files, allPaths, diagnostics);
        files.Sort((a, b) => string.CompareOrdinal(a.SpecPath, b.SpecPath));
        return new SourceSet(DisplayPath(root.FullName), files, allPaths, diagnostics);
    }

    private void Walk(DirectoryInfo directory, string specDirectory, string realRoot, List<SourceFile> files, HashSet<string> allPaths, List<Diagnostic> diagnostics)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var specPath = SpecFileNames.Combine(specDirectory, entry.Name);
            var isDirectory = entry is DirectoryInfo;
            if (entry is FileInfo file && IsUsable(file, realRoot))
            {
                allPaths.Add(specPath);
            }

            if (isDirectory ? SpecFileNames.IsIgnoredFolder(entry.Name) : !SpecFileNames.IsRead(entry.Name))
            {
                continue;
            }

            if (entry.LinkTarget is not null)
            {
                var target = TryResolve(entry);
                if (target is null || !target.Exists)
                {
                    diagnostics.Add(Diagnostic.InFile(DiagnosticCatalogue.FileUnreadable, DisplayPath(entry.FullName),
                        $"symbolic link '{entry.Name}' points to '{entry.LinkTarget}', which does not exist"));
                    continue;
                }

                if (!RealPath.IsUnder(RealPath.Of(target.FullName), realRoot))
                {
                    diagnostics.Add(Diagnostic.InFile(DiagnosticCatalogue.SymlinkOutsideRoot, DisplayPath(entry.FullName),
                        $"symbolic link '{entry.Name}' points to '{entry.LinkTarget}', outside the spec root",
                        "copy the file into the spec root; links may only point inside it"));
                    continue;
                }

                if (isDirectory)
                {
                    continue; // its files are read where they really live, once
                }
            }

            if (entry is DirectoryInfo subdirectory)
            {
                Walk(subdirectory, specPath, realRoot, files, allPaths, diagnostics);
            }
            else
            {
                ReadFile((FileInfo)entry, specPath, files, diagnostics);
            }
        }
    }

    private void ReadFile(FileInfo file, string specPath, List<SourceFile> files, List<Diagnostic> diagnostics)
    {
        var display = DisplayPath(file.FullName);
        try
        {
            // A fresh FileInfo: the enumerated one describes a symbolic link itself, not the file it points to.
            var length = new FileInfo(file.FullName).Length;
            if (length > SpecFileNames.MaxFileBytes)
            {
                diagnostics.Add(Diagnostic.InFile(DiagnosticCatalogue.FileTooLarge, display,
                    $"file is {length / (1024.0 * 1024.0):0.0} MiB; spec files may be at most {SpecFileNames.MaxFileBytes / (1024 * 1024)} MiB",
                    "split it into several files"));
                return;
            }

            var decoded = SourceDecoder.Decode(RegularFile.Read(file.FullName, SpecFileNames.MaxFileBytes) ?? [], display, specPath, diagnostics);
            if (decoded is not null)
            {
                files.Add(decoded);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.InFile(DiagnosticCatalogue.FileUnreadable, display, e.Message));
        }
    }

    /// <summary>
    /// A file a document may name (a dashboard's JSON): one with content, itself or through a link that stays in the
    /// root. A FIFO, socket or device reports a size of 0 like an empty file, and is never opened.
    /// </summary>
    private static bool IsUsable(FileInfo file, string realRoot)
    {
        var target = file.LinkTarget is null ? file : TryResolve(file) as FileInfo;
        return target is { Exists: true, Length: > 0 } && (file.LinkTarget is null || RealPath.IsUnder(RealPath.Of(target.FullName), realRoot));
    }

    private static FileSystemInfo? TryResolve(FileSystemInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            return null; // a cycle of links
        }
    }

    private string DisplayPath(string fullPath) =>
        Path.GetRelativePath(displayBase, fullPath).Replace(Path.DirectorySeparatorChar, '/');
}
