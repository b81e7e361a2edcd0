using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Telc.Cli.GitHub;

/// <summary>
/// The few GitHub REST calls telc makes, with the headers GitHub asks for. Every failure — an HTTP error, the network,
/// a timeout, a response that is not what the API documents — becomes a <see cref="GitHubApiException"/>.
/// </summary>
public sealed class GitHubClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>All the calls of one run together: a server that answers slowly page after page cannot keep telc going for hours.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>10,000 comments, far more than a pull request holds; past it the search fails rather than post a second comment.</summary>
    private const int MaxPages = 100;

    /// <summary>A page of 100 comments of at most 65,536 characters each stays well below this.</summary>
    private const long MaxResponseBytes = 32L * 1024 * 1024;

    private readonly CancellationTokenSource deadline = new(Deadline);

    private readonly HttpClient http;
    private readonly Uri apiUrl;

    public GitHubClient(Uri apiUrl, string token)
    {
        this.apiUrl = new Uri(apiUrl.AbsoluteUri.TrimEnd('/') + "/");
        http = new HttpClient { Timeout = Timeout, MaxResponseContentBufferSize = MaxResponseBytes };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        http.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("telc", null));
    }

    /// <summary>The first comment of the issue or pull request whose body contains the text, reading page after page until found.</summary>
    public async Task<IssueComment?> FindCommentAsync(GitHubRepository repository, int number, string containing, CancellationToken cancellation)
    {
        Uri? page = Endpoint($"repos/{repository.Path}/issues/{number}/comments?per_page=100");
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var read = 0; page is not null; read++)
        {
            if (read == MaxPages || !visited.Add(page.AbsoluteUri))
            {
                // Not knowing whether our comment exists, posting one could make a second: fail instead.
                throw new GitHubApiException(read == MaxPages
                    ? $"GitHub lists more than {MaxPages} pages of comments; not looking further"
                    : $"GitHub's pages of comments loop back to {page}; not following them");
            }

            var (comments, next) = await SendAsync(HttpMethod.Get, page, null, GitHubJson.Default.ListIssueComment, cancellation);
            if (comments.Any(c => c is null))
            {
                throw new GitHubApiException($"GET {page}: GitHub's list of comments holds an empty entry, which its API does not document");
            }

            if (comments.FirstOrDefault(c => c.Body?.Contains(containing, StringComparison.Ordinal) == true) is { } found)
            {
                return found;
            }

            if (next is not null && !SameOrigin(next))
            {
                // the token goes with every request: it is only ever sent to the API it was given for
                throw new GitHubApiException($"GitHub's next page of comments is on another server ({next.GetLeftPart(UriPartial.Authority)}); not following it");
            }

            page = next;
        }

        return null;
    }

    public async Task<IssueComment> CreateCommentAsync(GitHubRepository repository, int number, string body, CancellationToken cancellation) =>
        (await SendAsync(HttpMethod.Post, Endpoint($"repos/{repository.Path}/issues/{number}/comments"), new CommentRequest(body), GitHubJson.Default.IssueComment, cancellation)).Value;

    public async Task<IssueComment> UpdateCommentAsync(GitHubRepository repository, long id, string body, CancellationToken cancellation) =>
        (await SendAsync(HttpMethod.Patch, Endpoint($"repos/{repository.Path}/issues/comments/{id}"), new CommentRequest(body), GitHubJson.Default.IssueComment, cancellation)).Value;

    private Uri Endpoint(string relative) => new(apiUrl, relative);

    private bool SameOrigin(Uri uri) =>
        string.Equals(uri.Scheme, apiUrl.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, apiUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == apiUrl.Port;

    private async Task<(T Value, Uri? Next)> SendAsync<T>(HttpMethod method, Uri uri, CommentRequest? content, JsonTypeInfo<T> responseType, CancellationToken cancellation)
    {
        var described = $"{method} {uri}";
        using var request = new HttpRequestMessage(method, uri);
        if (content is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(content, GitHubJson.Default.CommentRequest), Encoding.UTF8, "application/json");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, deadline.Token);
        try
        {
            using var response = await http.SendAsync(request, linked.Token);
            var text = await response.Content.ReadAsStringAsync(linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(described, response, text);
            }

            var value = JsonSerializer.Deserialize(text, responseType)
                ?? throw new GitHubApiException($"{described}: GitHub answered {(int)response.StatusCode} with an empty body");
            var next = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.Next(links, uri) : null;
            return (value, next);
        }
        catch (JsonException e)
        {
            throw new GitHubApiException($"{described}: GitHub's answer is not the JSON its API documents ({e.Message})");
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new GitHubApiException($"{described}: no answer from GitHub within {Timeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            throw new GitHubApiException($"{described}: GitHub's answers took more than {Deadline.TotalMinutes:0} minutes in all; giving up");
        }
        catch (HttpRequestException e)
        {
            throw new GitHubApiException($"{described}: cannot reach GitHub: {e.Message}", "check GITHUB_API_URL and the runner's network");
        }
    }

    private static GitHubApiException Failure(string described, HttpResponseMessage response, string text)
    {
        var message = $"{described}: GitHub answered {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        var explanation = Explanation(text);
        if (explanation.Length > 0)
        {
            message += ": " + explanation;
        }

        var rateLimited = (response.Headers.TryGetValues("x-ratelimit-remaining", out var remaining) && remaining.FirstOrDefault() == "0")
            || explanation.Contains("rate limit", StringComparison.OrdinalIgnoreCase);
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests when rateLimited =>
                "the token has used up its API rate limit; run the job again later",
            HttpStatusCode.Forbidden or HttpStatusCode.NotFound =>
                "the workflow needs 'permissions: pull-requests: write', and a pull request from a fork "
                + "gets a read-only token whatever the workflow asks for; check GITHUB_REPOSITORY too",
            HttpStatusCode.Unauthorized => "GITHUB_TOKEN is not a valid token for this API (GITHUB_API_URL)",
            _ => null,
        };
        return new GitHubApiException(message, hint);
    }

    /// <summary>
    /// GitHub's <c>message</c> and any validation <c>errors</c> (objects or plain strings), or nothing when the body is not
    /// GitHub's error JSON (a proxy's page, say).
    /// </summary>
    private static string Explanation(string text)
    {
        var parts = new List<string?>();
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return string.Empty;
            }

            parts.Add(String(document.RootElement, "message"));
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                parts.AddRange(errors.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                    ? e.GetString()
                    : String(e, "message") ?? string.Join(' ', new[] { String(e, "field"), String(e, "code") }.Where(s => s is not null))));
            }
        }
        catch (JsonException)
        {
            return string.Empty;
        }

        return string.Join("; ", parts.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Printable(s!)));
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Text from the server is printed to a terminal or CI log: no control characters, bounded.</summary>
    private static string Printable(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length <= 500 ? clean : clean[..500] + "…";
    }

    public void Dispose()
    {
        http.Dispose();
        deadline.Dispose();
    }
}
