namespace Telc.Cli.GitHub;

/// <summary>A request to the GitHub API failed (an HTTP error, the network, a timeout): exit code 1, no stack trace.</summary>
public sealed class GitHubApiException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
