namespace Telc.Cli.GitHub;

/// <summary>What a GitHub Actions job tells telc through its environment; a missing or malformed variable is a usage error.</summary>
public sealed record GitHubActionsEnvironment(string Token, Uri ApiUrl, GitHubRepository Repository, string EventPath, string? RunUrl)
{
    public const string DefaultApiUrl = "https://api.github.com";

    public static GitHubActionsEnvironment Read(CliContext context)
    {
        var token = context.Variable("GITHUB_TOKEN")?.Trim() is { Length: > 0 } set
            ? set
            : throw new UsageException("GITHUB_TOKEN is not set: pass the job's token, e.g. 'env: GITHUB_TOKEN: ${{ github.token }}'");
        if (token.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new UsageException("GITHUB_TOKEN holds spaces or control characters: it is not a token");
        }

        context.Secrets.Add(token);

        var apiText = context.Variable("GITHUB_API_URL") ?? DefaultApiUrl;
        if (Uri.TryCreate(apiText, UriKind.Absolute, out var withUserInfo) && withUserInfo.UserInfo.Length > 0)
        {
            context.Secrets.Add(withUserInfo.UserInfo);
            foreach (var part in withUserInfo.UserInfo.Split(':'))
            {
                context.Secrets.Add(part);
            }
        }

        if (!Uri.TryCreate(apiText, UriKind.Absolute, out var apiUrl) || (apiUrl.Scheme != Uri.UriSchemeHttps && apiUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException($"GITHUB_API_URL '{apiText}' is not an http(s) URL");
        }

        var repositoryText = context.Variable("GITHUB_REPOSITORY")
            ?? throw new UsageException("GITHUB_REPOSITORY is not set: it names the repository as owner/name, as GitHub Actions sets it");
        var repository = GitHubRepository.Parse(repositoryText)
            ?? throw new UsageException($"GITHUB_REPOSITORY '{repositoryText}' is not of the form owner/name");
        var eventPath = context.Variable("GITHUB_EVENT_PATH")
            ?? throw new UsageException("GITHUB_EVENT_PATH is not set: telc reads the pull request number from the event GitHub Actions writes there");
        return new GitHubActionsEnvironment(token, apiUrl, repository, context.FullPath(eventPath), WorkflowRunUrl(context, repository));
    }

    /// <summary>The page of the workflow run, when the job says which one it is.</summary>
    private static string? WorkflowRunUrl(CliContext context, GitHubRepository repository) =>
        context.Variable("GITHUB_SERVER_URL") is { } server && context.Variable("GITHUB_RUN_ID") is { } run
            ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{run}"
            : null;
}
