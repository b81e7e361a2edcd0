namespace Telc.Cli;

/// <summary>
/// Credentials a command was given (GITHUB_TOKEN, user info in GITHUB_API_URL), masked in everything telc prints or
/// writes about a failure: a server may echo them back, and a URL in a message may carry them.
/// </summary>
public sealed class Redactions
{
    public const string Mask = "***";

    private readonly List<string> secrets = [];

    /// <summary>Masks this value from now on, as given and URL-encoded; values under 4 characters mask nothing.</summary>
    public void Add(string secret)
    {
        foreach (var form in new[] { secret, Uri.EscapeDataString(secret), Uri.UnescapeDataString(secret) }.Where(f => f.Length >= 4))
        {
            lock (secrets)
            {
                if (!secrets.Contains(form))
                {
                    secrets.Add(form);
                    secrets.Sort((a, b) => b.Length.CompareTo(a.Length)); // a longer form first, so no part of it is left
                }
            }
        }
    }

    public string Apply(string text)
    {
        lock (secrets)
        {
            return secrets.Aggregate(text, (masked, secret) => masked.Replace(secret, Mask, StringComparison.Ordinal));
        }
    }
}
