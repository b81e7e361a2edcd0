using System.Text.Json;
using Telc.Sources;

namespace Telc.Cli.GitHub;

/// <summary>Finds the pull request a workflow event is about, from the payload GitHub writes to GITHUB_EVENT_PATH.</summary>
public static class PullRequestEvent
{
    /// <summary>GitHub's own event payloads are a few hundred KiB at most.</summary>
    private const long MaxEventBytes = 16L * 1024 * 1024;

    /// <summary>
    /// <c>pull_request.number</c> (pull_request and pull_request_target events, reviews), else <c>issue.number</c> when the issue
    /// is a pull request (issue_comment events carry <c>issue.pull_request</c> then); null for any other event.
    /// </summary>
    public static int? Number(string eventJson)
    {
        using var document = JsonDocument.Parse(eventJson);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (Property(root, "pull_request") is { } pullRequest && NumberOf(pullRequest) is { } number)
        {
            return number;
        }

        return Property(root, "issue") is { } issue && Property(issue, "pull_request") is not null ? NumberOf(issue) : null;
    }

    public static int? Read(string path)
    {
        string text;
        try
        {
            text = RegularFile.ReadText(path, MaxEventBytes)
                ?? throw new UsageException($"the event payload GITHUB_EVENT_PATH names ({path}) {RegularFile.EmptyOrSpecial}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the event payload GITHUB_EVENT_PATH names ({path}): {e.Message}");
        }

        try
        {
            return Number(text);
        }
        catch (JsonException e)
        {
            throw new UsageException($"the event payload GITHUB_EVENT_PATH names ({path}) is not JSON: {e.Message}");
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static int? NumberOf(JsonElement element) =>
        element.TryGetProperty("number", out var number) && number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var value) && value > 0 ? value : null;
}
