using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Telc.Cli.GitHub;
using Telc.Tests.Support;

namespace Telc.Tests.Cli;

/// <summary><c>telc github comment</c> against a stub of the GitHub API on 127.0.0.1.</summary>
public sealed class GitHubCommentCommandTests : IDisposable
{
    private const string Marker = "<!-- telc:telc -->";
    private const string PullRequestEvent = """{ "action": "synchronize", "number": 42, "pull_request": { "number": 42, "head": { "sha": "abc" } } }""";
    private const string CommentsPath = "/repos/octo/telemetry/issues/42/comments";

    private readonly GitHubApiStub github = new();
    private readonly TempFolder folder = new();

    [Fact]
    public void The_first_run_posts_and_the_next_edits_that_comment()
    {
        var other = github.Add(42, "Looks good to me", "reviewer");

        var first = Comment("## telc\n\nno problems\n");

        Assert.Equal((0, string.Empty), (first.ExitCode, first.Error));
        var ours = Assert.Single(github.Comments, c => c.Id != other.Id);
        Assert.Equal($"posted comment https://github.com/octo/telemetry/pull/42#issuecomment-{ours.Id}\n", first.Output);
        Assert.Equal(Marker + "\n## telc\n\nno problems\n", ours.Body);
        var posted = TakeRequests();
        Assert.Equal(["GET " + CommentsPath + "?per_page=100", "POST " + CommentsPath], posted.Select(r => r.ToString()));
        AssertCommentJson(posted[1], ours.Body);

        var second = Comment("## telc\n\n1 error\n");

        Assert.Equal(0, second.ExitCode);
        Assert.Equal($"updated comment https://github.com/octo/telemetry/pull/42#issuecomment-{ours.Id}\n", second.Output);
        Assert.Equal(2, github.Comments.Count);
        Assert.Equal(Marker + "\n## telc\n\n1 error\n", github.Comments.Single(c => c.Id == ours.Id).Body);
        Assert.Equal(other, github.Comments.Single(c => c.Id == other.Id));
        var edited = TakeRequests();
        Assert.Equal(["GET " + CommentsPath + "?per_page=100", $"PATCH /repos/octo/telemetry/issues/comments/{ours.Id}"], edited.Select(r => r.ToString()));
        AssertCommentJson(edited[1], Marker + "\n## telc\n\n1 error\n");
        Assert.All(posted.Concat(edited), AssertGitHubHeaders);
    }

    [Fact]
    public void The_same_text_again_changes_nothing()
    {
        Assert.Equal(0, Comment("## telc\r\nno problems\r\n").ExitCode);
        TakeRequests();

        var again = Comment("## telc\nno problems\n");

        Assert.Equal((0, "comment unchanged\n"), (again.ExitCode, again.Output));
        Assert.Equal(["GET " + CommentsPath + "?per_page=100"], TakeRequests().Select(r => r.ToString()));
        Assert.Single(github.Comments);
    }

    [Fact]
    public void The_comment_is_found_on_a_later_page_by_its_marker_name()
    {
        github.PageSize = 2;
        github.Add(42, "first");
        var docs = github.Add(42, "<!-- telc:docs -->\nthe docs preview", "github-actions[bot]");
        github.Add(42, "third");
        var ours = github.Add(42, Marker + "\nold report", "github-actions[bot]");

        var result = Comment("new report\n");

        Assert.Equal((0, $"updated comment https://github.com/octo/telemetry/pull/42#issuecomment-{ours.Id}\n"), (result.ExitCode, result.Output));
        Assert.Equal(
            ["GET " + CommentsPath + "?per_page=100", "GET " + CommentsPath + "?per_page=100&page=2", $"PATCH /repos/octo/telemetry/issues/comments/{ours.Id}"],
            TakeRequests().Select(r => r.ToString()));
        Assert.Equal(4, github.Comments.Count);
        Assert.Equal(Marker + "\nnew report\n", github.Comments.Single(c => c.Id == ours.Id).Body);

        var named = Comment("new docs preview\n", extra: ["--marker", "docs"]);

        Assert.Equal(0, named.ExitCode);
        Assert.Equal(["GET " + CommentsPath + "?per_page=100", $"PATCH /repos/octo/telemetry/issues/comments/{docs.Id}"], TakeRequests().Select(r => r.ToString()));
        Assert.Equal("<!-- telc:docs -->\nnew docs preview\n", github.Comments.Single(c => c.Id == docs.Id).Body);
    }

    [Fact]
    public void Pages_that_link_in_a_loop_fail_without_posting_a_second_comment()
    {
        github.LinksLoop = true;
        github.Add(42, "someone else's");

        var result = Comment("report\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("loop back to", result.Error);
        Assert.True(github.Requests.Count <= 3, string.Join("\n", github.Requests));
        Assert.Single(github.Comments);
    }

    [Fact]
    public void A_list_holding_null_is_a_failure_not_a_crash()
    {
        github.ListJson = "[null]";

        var result = Comment("report\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("holds an empty entry", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Empty(github.Comments);
    }

    [Fact]
    public void The_token_never_follows_a_next_link_to_another_server()
    {
        github.PageSize = 1;
        github.LinkServer = "http://elsewhere.invalid";
        github.Add(42, "first");
        github.Add(42, "second");

        var result = Comment("report\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("GitHub's next page of comments is on another server (http://elsewhere.invalid); not following it", result.Error);
        Assert.Single(github.Requests);
        Assert.Equal(2, github.Comments.Count);
    }

    [Fact]
    public void An_issue_comment_event_on_a_pull_request_comments_there()
    {
        var result = Comment("report\n", Environment("""{ "action": "created", "issue": { "number": 42, "pull_request": { "url": "x" } }, "comment": { "id": 1 } }"""));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("posted comment ", result.Output);
        Assert.Equal(42, Assert.Single(github.Comments).Issue);
    }

    [Theory]
    [InlineData("""{ "ref": "refs/heads/main", "commits": [] }""")]
    [InlineData("""{ "action": "created", "issue": { "number": 7 }, "comment": { "id": 1 } }""")]
    [InlineData("""{ "pull_request": null }""")]
    public void Other_events_post_nothing_and_pass(string eventJson)
    {
        var result = Comment("report\n", Environment(eventJson));

        Assert.Equal((0, string.Empty, "telc: not a pull request event; no comment posted\n"), (result.ExitCode, result.Output, result.Error));
        Assert.Empty(github.Requests);
    }

    [Fact]
    public void The_token_is_masked_when_the_server_echoes_it_or_the_api_url_carries_it()
    {
        const string token = "ghs_plantedTokenValue42";
        github.Failure = (401, $"Bad credentials: Authorization: token {token} ({Uri.EscapeDataString(token + "/")})");
        var withUserInfo = github.Url.Replace("http://", "http://x-access-token:hunter2secret@", StringComparison.Ordinal);

        var echoed = Comment("report\n", Environment(more: [("GITHUB_TOKEN", token)]));
        var inUrl = Comment("report\n", Environment(more: [("GITHUB_TOKEN", token), ("GITHUB_API_URL", withUserInfo)]));
        var notAUrl = Comment("report\n", Environment(more: [("GITHUB_TOKEN", token), ("GITHUB_API_URL", $"ftp://{token}@host/")]));

        Assert.Equal(1, echoed.ExitCode);
        Assert.Contains("Bad credentials: Authorization: token ***", echoed.Error);
        Assert.Equal((3, "telc: GITHUB_API_URL 'ftp://***@host/' is not an http(s) URL\n"), (notAUrl.ExitCode, notAUrl.Error));
        foreach (var result in new[] { echoed, inUrl, notAUrl })
        {
            Assert.DoesNotContain("plantedTokenValue", result.Output + result.Error);
            Assert.DoesNotContain("hunter2secret", result.Output + result.Error);
        }
    }

    [Fact]
    public void A_forbidden_request_is_one_message_with_a_hint()
    {
        github.Failure = (403, "Resource not accessible by integration");

        var result = Comment("report\n");

        Assert.Equal((1, string.Empty), (result.ExitCode, result.Output));
        Assert.StartsWith($"telc: GET {github.Url}{CommentsPath}?per_page=100: GitHub answered 403 Forbidden: Resource not accessible by integration\n", result.Error);
        Assert.Contains("telc: hint: the workflow needs 'permissions: pull-requests: write'", result.Error);
        Assert.Contains("fork", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Single(github.Requests);
    }

    [Fact]
    public void A_missing_token_is_a_usage_error()
    {
        var environment = Environment();
        environment.Remove("GITHUB_TOKEN");

        var result = Comment("report\n", environment);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("telc: GITHUB_TOKEN is not set", result.Error);
        Assert.Empty(github.Requests);
    }

    [Fact]
    public void A_body_over_the_limit_is_cut_with_a_note()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"| rule-{i} | a finding that is long enough to need some room |");
        var report = "<details><summary>all findings</summary>\n\n```text\n" + string.Join("\n", lines) + "\n```\n</details>\n";
        Assert.True(report.Length > GitHubApiStub.MaxBodyLength);

        var result = Comment(report, Environment(PullRequestEvent, ("GITHUB_SERVER_URL", "https://github.com"), ("GITHUB_RUN_ID", "99")));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("over GitHub's limit of 65,536", result.Error);
        var body = Assert.Single(github.Comments).Body;
        Assert.InRange(body.Length, GitHubApiStub.MaxBodyLength - 200, GitHubApiStub.MaxBodyLength);
        Assert.StartsWith(Marker + "\n<details>", body);
        Assert.EndsWith(
            $"\n```\n</details>\n\n---\n:warning: **telc cut this comment short**: the report is {report.Length:N0} characters and GitHub allows 65,536 in a comment. "
            + "See the [workflow run](https://github.com/octo/telemetry/actions/runs/99) for more.\n", body);
        Assert.Matches(@"\| rule-\d+ \| a finding that is long enough to need some room \|\n```\n</details>", body);
    }

    [Fact]
    public void An_unreachable_api_is_one_message()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closed = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        var environment = Environment();
        environment["GITHUB_API_URL"] = closed;

        var result = Comment("report\n", environment);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"telc: GET {closed}{CommentsPath}?per_page=100: cannot reach GitHub: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData("GITHUB_REPOSITORY", "octo", "GITHUB_REPOSITORY 'octo' is not of the form owner/name")]
    [InlineData("GITHUB_API_URL", "api.github.com", "GITHUB_API_URL 'api.github.com' is not an http(s) URL")]
    [InlineData("GITHUB_EVENT_PATH", "no/such/event.json", "cannot read the event payload")]
    [InlineData("GITHUB_TOKEN", "two\nlines", "GITHUB_TOKEN holds spaces or control characters")]
    public void A_malformed_environment_is_a_usage_error(string variable, string value, string message)
    {
        var environment = Environment();
        environment[variable] = value;

        var result = Comment("report\n", environment);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Empty(github.Requests);
    }

    [Theory]
    [InlineData("github", "comment")]
    [InlineData("github", "comment", "--body-file", "missing.md")]
    [InlineData("github", "comment", "--body-file", "report.md", "--marker", "two words")]
    [InlineData("github", "comment", "--body-file", "report.md", "--marker", "x -->")]
    public void Usage_errors_give_exit_code_3(params string[] args)
    {
        folder.Write("report.md", "report\n");

        var result = CliRunner.RunWith(folder.Path, Environment(), args);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("telc: ", result.Error);
        Assert.Empty(github.Requests);
    }

    private CliResult Comment(string report, IReadOnlyDictionary<string, string>? environment = null, string[]? extra = null)
    {
        folder.Write("report.md", report);
        return CliRunner.RunWith(folder.Path, environment ?? Environment(), ["github", "comment", "--body-file", "report.md", .. extra ?? []]);
    }

    private Dictionary<string, string> Environment(string eventJson = PullRequestEvent, params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = "test-token",
            ["GITHUB_API_URL"] = github.Url,
            ["GITHUB_REPOSITORY"] = GitHubApiStub.Repository,
            ["GITHUB_EVENT_PATH"] = folder.Write("event.json", eventJson),
        };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }

        return environment;
    }

    private List<StubRequest> TakeRequests()
    {
        var taken = new List<StubRequest>();
        while (github.Requests.TryDequeue(out var request))
        {
            taken.Add(request);
        }

        return taken;
    }

    private static void AssertGitHubHeaders(StubRequest request)
    {
        Assert.Equal("Bearer test-token", request.Headers["Authorization"]);
        Assert.Equal("application/vnd.github+json", request.Headers["Accept"]);
        Assert.Equal("2022-11-28", request.Headers["X-GitHub-Api-Version"]);
        Assert.Equal("telc", request.Headers["User-Agent"]);
    }

    private static void AssertCommentJson(StubRequest request, string body)
    {
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        var json = Assert.IsType<JsonObject>(JsonNode.Parse(request.Body));
        Assert.Equal(["body"], json.Select(p => p.Key));
        Assert.Equal(body, json["body"]!.GetValue<string>());
    }

    public void Dispose()
    {
        github.Dispose();
        folder.Dispose();
    }
}

public sealed class CommentBodyTests
{
    [Fact]
    public void A_body_within_the_limit_is_the_marker_line_and_the_text()
    {
        var body = CommentBody.Compose("telc", "report\r\nline 2\n");

        Assert.Equal(("<!-- telc:telc -->\nreport\nline 2\n", false), (body.Text, body.Truncated));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair_and_stays_within_the_limit()
    {
        var body = CommentBody.Compose("telc", string.Concat(Enumerable.Repeat("😀", 40_000)));

        Assert.True(body.Truncated);
        Assert.InRange(body.Text.Length, CommentBody.MaxLength - 300, CommentBody.MaxLength);
        Assert.DoesNotContain('\uFFFD', System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(body.Text)));
        Assert.Matches("^<!-- telc:telc -->\n(😀)+\n\n---\n:warning: \\*\\*telc cut this comment short\\*\\*", body.Text);
    }

    [Theory]
    [InlineData("<https://api.github.com/x?page=2>; rel=\"next\", <https://api.github.com/x?page=9>; rel=\"last\"", "https://api.github.com/x?page=2")]
    [InlineData("<https://api.github.com/x?page=1>; rel=\"prev\", <https://api.github.com/x?page=3>; rel=\"next\"", "https://api.github.com/x?page=3")]
    [InlineData("</x?page=4>; rel=next", "https://api.github.com/x?page=4")]
    [InlineData("<https://api.github.com/x?page=1>; rel=\"first\"", null)]
    public void The_next_page_comes_from_the_link_header(string header, string? next)
    {
        Assert.Equal(next, LinkHeader.Next([header], new Uri("https://api.github.com/x?page=1"))?.AbsoluteUri);
    }
}
