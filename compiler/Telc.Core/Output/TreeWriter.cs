using System.Text;
using Telc.Emit;

namespace Telc.Output;

/// <summary>
/// Writes a whole output tree, or compares one with what is on disk. The tree is written into a sibling
/// temp folder and swapped in, in one step where the platform can (<see cref="DirectoryExchange"/>), else by two
/// renames, so an interrupted render leaves the previous tree in place.
/// </summary>
public static partial class TreeWriter
{
    /// <summary>A rendered file on disk larger than this is not telc's and differs from anything telc renders.</summary>
    private const long MaxComparedBytes = 64L * 1024 * 1024;

    /// <summary>Every rendered tree carries this file, so telc only ever replaces folders it wrote itself.</summary>
    public const string MarkerFile = ".telc-rendered";

    public const string MarkerText = "This folder is rendered by telc and replaced as a whole on every render; edit the spec, not these files.\n";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Why a folder must not be replaced by a render, or null when it may: it is missing, empty, or holds the marker
    /// of an earlier render, and it does not contain the spec.
    /// </summary>
    public static string? RefuseToReplace(string directory, string specRoot)
    {
        // Compared as real paths: through a symbolic link, another name can stand for the spec folder or one inside it.
        var target = Sources.RealPath.Of(directory);
        var spec = Sources.RealPath.Of(specRoot);
        if (Sources.RealPath.IsUnder(spec, target) || Sources.RealPath.IsUnder(target, spec))
        {
            return "it contains the spec, or is inside it";
        }

        if (File.Exists(directory) || (Path.Exists(directory) && !Directory.Exists(directory)))
        {
            return "it is a file, not a folder";
        }

        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() && !File.Exists(Path.Combine(directory, MarkerFile)))
        {
            return $"it holds files telc did not render (no {MarkerFile} in it); render into an empty or new folder";
        }

        return null;
    }

    public static void Write(string directory, IReadOnlyList<OutputFile> files)
    {
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
#pragma warning disable RS0030 // names the temporary folders beside the target, never anything written into the tree
        var suffix = Guid.NewGuid().ToString("N")[..8];
#pragma warning restore RS0030
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.telc-new-{suffix}");
        var retired = Path.Combine(parent, $".{Path.GetFileName(target)}.telc-old-{suffix}");
        try
        {
            // Clusters share large texts (the same rules in every cluster): encode each text once.
            var encoded = new Dictionary<string, byte[]>(ReferenceEqualityComparer.Instance);
            foreach (var file in files)
            {
                if (!encoded.ContainsKey(file.Content))
                {
                    encoded.Add(file.Content, Utf8.GetBytes(file.Content));
                }
            }

            foreach (var folder in files.Select(f => Path.GetDirectoryName(Path.Combine(staging, f.Path))!).Distinct(StringComparer.Ordinal))
            {
                Directory.CreateDirectory(folder);
            }

            Parallel.ForEach(files, file => File.WriteAllBytes(Path.Combine(staging, file.Path.Replace('/', Path.DirectorySeparatorChar)), encoded[file.Content]));

            Directory.CreateDirectory(staging);
            // After an exchange the staging folder holds the previous tree, which the finally removes.
            if (!(Directory.Exists(target) && DirectoryExchange.TryExchange(staging, target)))
            {
                if (Directory.Exists(target))
                {
                    Directory.Move(target, retired);
                }

                Directory.Move(staging, target);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        if (Directory.Exists(retired))
        {
            Directory.Delete(retired, recursive: true);
        }

        // What interrupted runs left beside the target: their half-written or replaced trees.
        foreach (var leftover in Directory.EnumerateDirectories(parent, $".{Path.GetFileName(target)}.telc-*")
            .Where(d => LeftoverName().IsMatch(Path.GetFileName(d)[(Path.GetFileName(target).Length + 1)..])))
        {
            Directory.Delete(leftover, recursive: true);
        }
    }

    /// <summary>Paths (relative, '/'-separated, sorted) that differ: changed, missing on disk, or on disk but no longer rendered.</summary>
    public static IReadOnlyList<TreeDifference> Compare(string directory, IReadOnlyList<OutputFile> files)
    {
        var root = Path.GetFullPath(directory);
        var onDisk = Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/'))
                .ToHashSet(StringComparer.Ordinal)
            : [];
        var differences = new List<TreeDifference>();
        foreach (var file in files)
        {
            if (!onDisk.Remove(file.Path))
            {
                differences.Add(new TreeDifference(file.Path, "missing"));
            }
            else if (!(Sources.RegularFile.Read(Path.Combine(root, file.Path), MaxComparedBytes) ?? []).AsSpan().SequenceEqual(Utf8.GetBytes(file.Content)))
            {
                differences.Add(new TreeDifference(file.Path, "changed"));
            }
        }

        differences.AddRange(onDisk.Select(p => new TreeDifference(p, "not rendered any more")));
        return [.. differences.OrderBy(d => d.Path, StringComparer.Ordinal)];
    }

    [System.Text.RegularExpressions.GeneratedRegex("^\\.telc-(new|old)-[0-9a-f]{8}$")]
    private static partial System.Text.RegularExpressions.Regex LeftoverName();
}

public sealed record TreeDifference(string Path, string Change);
