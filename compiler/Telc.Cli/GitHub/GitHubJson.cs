using System.Text.Json.Serialization;

namespace Telc.Cli.GitHub;

/// <summary>An issue or pull-request comment as the REST API returns it (only the fields telc reads).</summary>
public sealed record IssueComment(long Id, string? Body, string? HtmlUrl);

/// <summary>The body of a request that creates or edits a comment.</summary>
public sealed record CommentRequest(string Body);

/// <summary>Source-generated (de)serialisation: telc is published with Native AOT, where reflection-based JSON is unavailable.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<IssueComment>))]
[JsonSerializable(typeof(IssueComment))]
[JsonSerializable(typeof(CommentRequest))]
internal sealed partial class GitHubJson : JsonSerializerContext;
