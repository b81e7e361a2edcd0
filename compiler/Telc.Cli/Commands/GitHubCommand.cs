using System.CommandLine;
using System.Globalization;
using Telc.Cli.GitHub;
using Telc.Sources;

namespace Telc.Cli.Commands;

public sealed record GitHubCommentArguments(string BodyFile, string Marker);

/// <summary>
/// <c>telc github comment --body-file FILE [--marker NAME]</c>: keeps one comment of telc's on the pull request of the
/// workflow run — posted the first time, edited in place after — so a job run again never adds a duplicate.
/// </summary>
public sealed class GitHubCommand(CliContext context)
{
    /// <summary>A comment GitHub accepts is at most 65,536 characters; a body file far larger is not a report.</summary>
    private const long MaxBodyBytes = 16L * 1024 * 1024;

    public const string DefaultMarker = "telc";

    public static Command Create(CliContext context)
    {
        var bodyFile = new Option<string>("--body-file") { Description = "The comment's text (Markdown)", Required = true };
        var marker = new Option<string>("--marker")
        {
            Description = "Names the comment, so that several telc comments can live on one pull request",
            DefaultValueFactory = _ => DefaultMarker,
        };
        var comment = new Command("comment", "Post telc's comment on the workflow's pull request, or update the one posted before") { bodyFile, marker };
        comment.SetAction((result, cancellation) =>
            new GitHubCommand(context).CommentAsync(new GitHubCommentArguments(result.GetValue(bodyFile)!, result.GetValue(marker)!), cancellation));
        return new Command("github", "Work with GitHub from a GitHub Actions workflow") { comment };
    }

    public async Task<int> CommentAsync(GitHubCommentArguments arguments, CancellationToken cancellation)
    {
        if (!CommentBody.IsValidMarker(arguments.Marker))
        {
            throw new UsageException($"marker '{arguments.Marker}' must be 1 to 100 letters, digits, '.', '_', '-' or '/', starting with a letter or digit");
        }

        var environment = GitHubActionsEnvironment.Read(context);
        var bodyPath = context.FullPath(arguments.BodyFile);
        if (!File.Exists(bodyPath))
        {
            throw new UsageException($"file '{arguments.BodyFile}' does not exist");
        }

        string report;
        try
        {
            report = RegularFile.ReadText(bodyPath, MaxBodyBytes) ?? throw new UsageException($"'{arguments.BodyFile}' {RegularFile.EmptyOrSpecial}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{arguments.BodyFile}': {e.Message}");
        }

        if (PullRequestEvent.Read(environment.EventPath) is not { } number)
        {
            await context.Error.WriteAsync("telc: not a pull request event; no comment posted\n");
            return ExitCodes.Clean;
        }

        var body = CommentBody.Compose(arguments.Marker, report, environment.RunUrl);
        if (body.Truncated)
        {
            await context.Error.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"telc: the comment is {body.OriginalLength:N0} characters, over GitHub's limit of {CommentBody.MaxLength:N0}: it is cut, with a note at its end\n"));
        }

        using var github = new GitHubClient(environment.ApiUrl, environment.Token);
        try
        {
            var existing = await github.FindCommentAsync(environment.Repository, number, CommentBody.MarkerLine(arguments.Marker), cancellation);
            if (existing is null)
            {
                var posted = await github.CreateCommentAsync(environment.Repository, number, body.Text, cancellation);
                await context.Out.WriteAsync($"posted comment {context.Shown(posted.HtmlUrl ?? string.Empty)}\n");
            }
            else if (Normalized(existing.Body) == body.Text)
            {
                await context.Out.WriteAsync("comment unchanged\n");
            }
            else
            {
                var updated = await github.UpdateCommentAsync(environment.Repository, existing.Id, body.Text, cancellation);
                await context.Out.WriteAsync($"updated comment {context.Shown(updated.HtmlUrl ?? existing.HtmlUrl ?? string.Empty)}\n");
            }

            return ExitCodes.Clean;
        }
        catch (GitHubApiException e)
        {
            await context.Error.WriteAsync($"telc: {context.Shown(e.Message)}\n");
            if (e.Hint is { } hint)
            {
                await context.Error.WriteAsync($"telc: hint: {context.Shown(hint)}\n");
            }

            return ExitCodes.ProblemsFound;
        }
    }

    /// <summary>A body as GitHub returns it, with the line breaks telc posts: one edited in the web page comes back with CRLF.</summary>
    private static string? Normalized(string? body) => body?.Replace("\r\n", "\n", StringComparison.Ordinal);
}
