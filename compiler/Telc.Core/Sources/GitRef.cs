namespace Telc.Sources;

/// <summary>
/// A git ref given by a user or a workflow (--ref, --trusted-policies-ref, --changed-since, diff's refs): checked
/// before git sees it, and always passed after --end-of-options, so that a value like --output=/tmp/x is never read
/// as an option (git diff would create that file) and tree paths (HEAD:telemetry) or exclusions (^HEAD) are refused.
/// </summary>
public static class GitRef
{
    /// <summary>A full commit id, as git rev-parse prints it and Flux requires: 40 (SHA-1) or 64 (SHA-256) lowercase hex digits.</summary>
    public static bool IsCommitId(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigitLower);

    /// <summary>The reference, when it is one; a usage problem otherwise.</summary>
    /// <exception cref="SpecSourceException">It is empty, starts with '-' or '^', or holds ':', '..', a space, a backslash or a control character.</exception>
    public static string Checked(string reference)
    {
        var problem = reference switch
        {
            "" => "is empty",
            ['-', ..] => "starts with '-', as an option does",
            ['^', ..] => "starts with '^', which excludes a commit instead of naming one",
            _ when reference.Contains(':') => "holds ':', which names a file in a commit, not a commit",
            _ when reference.Contains("..") => "holds '..', which names a range of commits, not one",
            _ when reference.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\') => "holds a space, a backslash or a control character",
            _ => null,
        };
        return problem is null
            ? reference
            : throw new SpecSourceException($"'{reference}' is not a git ref: it {problem} (give a branch, a tag, a commit, or HEAD~1-like)");
    }
}
