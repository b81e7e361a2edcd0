namespace Telc.Sources;

/// <summary>
/// Paths as the file system resolves them, for the checks that a path stays inside a folder (a spec link, the
/// output folder): through a symbolic link, another name can stand for any folder, so path text proves nothing.
/// </summary>
public static class RealPath
{
    /// <summary>As many links as Linux follows in one path before it gives up (ELOOP).</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// The path with every symbolic link along it followed, a link's target resolved in turn, as far as the path
    /// exists; the rest is kept as written.
    /// </summary>
    /// <exception cref="IOException">The links loop.</exception>
    public static string Of(string path) => Of(path, links: 0);

    /// <summary>Whether a real path is the real folder or inside it.</summary>
    public static bool IsUnder(string realPath, string realFolder)
    {
        var folder = realFolder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return (realPath.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).StartsWith(folder, StringComparison.Ordinal);
    }

    private static string Of(string path, int links)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full) ?? Path.DirectorySeparatorChar.ToString();
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not null && new FileInfo(next).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"'{path}' goes through more than {MaxLinks} symbolic links");
                }

                next = Of(target.FullName, links); // the target's own folders may be links too
            }

            current = next;
        }

        return current;
    }
}
