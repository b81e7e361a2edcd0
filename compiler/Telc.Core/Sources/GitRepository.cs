namespace Telc.Sources;

/// <summary>Facts about the git repository a folder belongs to.</summary>
public static class GitRepository
{
    /// <summary>The repository's top-level folder, or null outside a repository or without git.</summary>
    public static string? TopLevel(string directory)
    {
        try
        {
            var result = Git.Run(directory, ["rev-parse", "--show-toplevel"], allowFailure: true);
            return result.ExitCode == 0 ? result.Output.Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The commit a ref names, abbreviated; null when it names none.</summary>
    public static string? ShortCommit(string directory, string reference)
    {
        var result = Git.Run(directory, ["rev-parse", "--verify", "--quiet", "--short", "--end-of-options", GitRef.Checked(reference) + "^{commit}"], allowFailure: true);
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }

    /// <summary>
    /// The branch pull requests merge into: origin's HEAD when the clone knows it, else the first of origin/main,
    /// origin/master, main and master that exists; null when none does.
    /// </summary>
    public static string? DefaultBranch(string directory)
    {
        var remoteHead = Git.Run(directory, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], allowFailure: true);
        if (remoteHead.ExitCode == 0 && remoteHead.Output.Trim() is { Length: > 0 } name)
        {
            return name;
        }

        return new[] { "origin/main", "origin/master", "main", "master" }.FirstOrDefault(b => ShortCommit(directory, b) is not null);
    }

    /// <summary>The best common ancestor of two commits, as a full hash; null when they share none.</summary>
    public static string? MergeBase(string directory, string first, string second)
    {
        var result = Git.Run(directory, ["merge-base", "--end-of-options", GitRef.Checked(first), GitRef.Checked(second)], allowFailure: true);
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }

    /// <summary>
    /// The files of the working tree that differ from <paramref name="reference"/>, new untracked ones included, as paths
    /// relative to the repository's top level; null when the ref names no commit.
    /// </summary>
    public static IReadOnlyList<string>? ChangedSince(string topLevel, string reference)
    {
        var changed = Git.Run(topLevel, ["diff", "--name-only", "--no-renames", "-z", "--end-of-options", GitRef.Checked(reference), "--"], allowFailure: true);
        if (changed.ExitCode != 0)
        {
            return null;
        }

        var untracked = Git.Run(topLevel, ["ls-files", "--others", "--exclude-standard", "-z"]);
        return [.. changed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Concat(untracked.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))];
    }
}
