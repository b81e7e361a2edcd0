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
}
