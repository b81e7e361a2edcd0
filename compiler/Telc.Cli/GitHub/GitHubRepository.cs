namespace Telc.Cli.GitHub;

/// <summary>A repository as GITHUB_REPOSITORY names it: <c>owner/name</c>.</summary>
public sealed record GitHubRepository(string Owner, string Name)
{
    /// <summary>The <c>owner/name</c> part of an API path, each segment escaped.</summary>
    public string Path => Uri.EscapeDataString(Owner) + "/" + Uri.EscapeDataString(Name);

    public static GitHubRepository? Parse(string text) =>
        text.Split('/') is [{ Length: > 0 } owner, { Length: > 0 } name] && !text.Any(char.IsWhiteSpace) && owner != ".." && name != ".."
            ? new GitHubRepository(owner, name)
            : null;

    public override string ToString() => Owner + "/" + Name;
}
