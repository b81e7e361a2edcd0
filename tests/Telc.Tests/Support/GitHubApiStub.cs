using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Telc.Tests.Support;

/// <summary>
/// A stand-in for the GitHub REST API's issue comments on 127.0.0.1: it keeps comments in memory, pages the list with
/// <c>Link</c> headers as GitHub does, refuses bodies over GitHub's limit, and records every request it gets.
/// </summary>
public sealed partial class GitHubApiStub : IDisposable
{
    public const string Repository = "octo/telemetry";
    public const int MaxBodyLength = 65_536;

    private readonly HttpListener listener = new();
    private readonly List<StubComment> comments = [];
    private readonly Task serving;
    private long nextId = 1001;

    public GitHubApiStub()
    {
        Url = Listen();
        serving = Task.Run(ServeAsync);
    }

    /// <summary>The API's base URL, for GITHUB_API_URL.</summary>
    public string Url { get; }

    /// <summary>Comments per page of the list, whatever per_page asks (GitHub's own maximum is 100).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The server the list's <c>Link</c> header points to; this stub's by default.</summary>
    public string? LinkServer { get; set; }

    /// <summary>A misbehaving server: every page of the list links back to its first page.</summary>
    public bool LinksLoop { get; set; }

    /// <summary>A misbehaving server: the list of comments is answered with this JSON instead.</summary>
    public string? ListJson { get; set; }

    /// <summary>When set, every request is answered with this status and GitHub-style error JSON.</summary>
    public (int Status, string Message)? Failure { get; set; }

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    public IReadOnlyList<StubComment> Comments
    {
        get
        {
            lock (comments)
            {
                return comments.Select(c => c with { }).ToList();
            }
        }
    }

    public StubComment Add(int issue, string body, string user = "someone")
    {
        lock (comments)
        {
            var comment = new StubComment(nextId++, issue, body, user);
            comments.Add(comment);
            return comment;
        }
    }

    private string Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return $"http://127.0.0.1:{port}";
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // another process took the port between the probe and the start
            }
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            catch (Exception e)
            {
                Respond(context.Response, 500, new JsonObject { ["message"] = "stub failure: " + e.Message });
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = reader.ReadToEnd();
        }

        var headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var recorded = new StubRequest(request.HttpMethod, request.Url!.PathAndQuery, headers, body);
        Requests.Enqueue(recorded);
        var response = context.Response;
        if (Failure is { } failure)
        {
            Respond(response, failure.Status, new JsonObject
            {
                ["message"] = failure.Message,
                ["documentation_url"] = "https://docs.github.com/rest/issues/comments",
            });
            return;
        }

        var path = request.Url.AbsolutePath;
        if (IssueComments().Match(path) is { Success: true } list && list.Groups["repo"].Value == Repository)
        {
            var issue = int.Parse(list.Groups["number"].Value);
            if (request.HttpMethod == "GET")
            {
                List(response, request, issue);
            }
            else if (request.HttpMethod == "POST" && Validate(response, body) is { } text)
            {
                var comment = Add(issue, text, "github-actions[bot]");
                Respond(response, 201, Json(comment));
            }

            return;
        }

        if (Comment().Match(path) is { Success: true } single && single.Groups["repo"].Value == Repository && request.HttpMethod == "PATCH")
        {
            var id = long.Parse(single.Groups["id"].Value);
            lock (comments)
            {
                var index = comments.FindIndex(c => c.Id == id);
                if (index < 0)
                {
                    Respond(response, 404, new JsonObject { ["message"] = "Not Found" });
                }
                else if (Validate(response, body) is { } text)
                {
                    comments[index] = comments[index] with { Body = text };
                    Respond(response, 200, Json(comments[index]));
                }
            }

            return;
        }

        Respond(response, 404, new JsonObject { ["message"] = "Not Found" });
    }

    private void List(HttpListenerResponse response, HttpListenerRequest request, int issue)
    {
        var page = int.TryParse(request.QueryString["page"], out var number) ? number : 1;
        List<StubComment> all;
        lock (comments)
        {
            all = comments.Where(c => c.Issue == issue).ToList();
        }

        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        if (page < pages || LinksLoop)
        {
            var link = $"{LinkServer ?? Url}/repos/{Repository}/issues/{issue}/comments?per_page={request.QueryString["per_page"]}&page=";
            response.AddHeader("Link", $"<{link}{(LinksLoop ? 1 : page + 1)}>; rel=\"next\", <{link}{pages}>; rel=\"last\"");
        }

        Respond(response, 200, ListJson is { } raw ? JsonNode.Parse(raw)! : new JsonArray([.. all.Skip((page - 1) * PageSize).Take(PageSize).Select(Json)]));
    }

    /// <summary>The <c>body</c> of a create or edit request, or null after answering 422 as GitHub does.</summary>
    private static string? Validate(HttpListenerResponse response, string requestBody)
    {
        var text = JsonNode.Parse(requestBody)?["body"]?.GetValue<string>();
        if (text is not null && text.Length <= MaxBodyLength)
        {
            return text;
        }

        Respond(response, 422, new JsonObject
        {
            ["message"] = "Validation Failed",
            ["errors"] = new JsonArray(new JsonObject
            {
                ["resource"] = "IssueComment", ["code"] = "custom", ["field"] = "body",
                ["message"] = text is null ? "body is missing" : $"body is too long (maximum is {MaxBodyLength} characters)",
            }),
        });
        return null;
    }

    private JsonObject Json(StubComment comment) => new()
    {
        ["id"] = comment.Id,
        ["node_id"] = "IC_" + comment.Id,
        ["html_url"] = $"https://github.com/{Repository}/pull/{comment.Issue}#issuecomment-{comment.Id}",
        ["url"] = $"{Url}/repos/{Repository}/issues/comments/{comment.Id}",
        ["body"] = comment.Body,
        ["user"] = new JsonObject { ["login"] = comment.User, ["type"] = comment.User.EndsWith("[bot]") ? "Bot" : "User" },
        ["created_at"] = "2025-01-01T00:00:00Z",
    };

    private static void Respond(HttpListenerResponse response, int status, JsonNode json)
    {
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    [GeneratedRegex(@"^/repos/(?<repo>[^/]+/[^/]+)/issues/(?<number>\d+)/comments$")]
    private static partial Regex IssueComments();

    [GeneratedRegex(@"^/repos/(?<repo>[^/]+/[^/]+)/issues/comments/(?<id>\d+)$")]
    private static partial Regex Comment();

    public void Dispose()
    {
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }
}

public sealed record StubComment(long Id, int Issue, string Body, string User);

public sealed record StubRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public override string ToString() => $"{Method} {PathAndQuery}";
}
