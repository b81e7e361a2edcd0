// Credentials belong in Secrets that the spec names, never in the spec: git history keeps them forever.
public sealed class NoInlineSecrets : Policy
{
    // Linear in the length of the text whatever it holds: a spec is hostile input, and a backtracking pattern over a
    // long crafted value ("eyJ-eyJ-…") would run out the regex timeout and fail a clean spec.
    private const RegexOptions Linear = RegexOptions.NonBacktracking;

    private static readonly (string What, Regex Pattern)[] Credentials =
    [
        ("a URL with a password", new Regex(@"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]+:[^/\s@]+@", Linear)),
        ("a Slack token", new Regex(@"xox[abposr]-[0-9A-Za-z-]{10,}", Linear)),
        ("a Slack webhook URL", new Regex(@"hooks\.slack\.com/services/T[0-9A-Z]+/B[0-9A-Z]+/[0-9A-Za-z]+", Linear)),
        ("a GitHub token", new Regex(@"\b(ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{40,}", Linear)),
        ("an AWS access key", new Regex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b", Linear)),
        ("a private key", new Regex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----", Linear)),
        ("a bearer token", new Regex(@"(?i)\bbearer\s+[0-9A-Za-z._~+/-]{20,}", Linear)),
        ("a JSON web token", new Regex(@"\beyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}", Linear)),
    ];

    private static readonly Regex SecretKey = new(@"(?i)(^|[._-])(password|passwd|secret|token|api[_-]?key|apikey|credentials?)$", Linear);

    public override PolicyInfo Info { get; } = new(
        "no-inline-secrets",
        "No credentials in the spec",
        "security",
        PolicyLevel.Error,
        "A password, token, key or a URL with user info written into the spec is readable by everyone who can read the repository, and stays in its history. Put it in a Secret and reference it (…SecretRef).");

    public override IEnumerable<PolicyFinding> Check(PolicyContext context)
    {
        foreach (var text in context.Strings)
        {
            var key = text.Path[(text.Path.LastIndexOf('.') + 1)..];
            var credential = Credentials.FirstOrDefault(c => c.Pattern.IsMatch(text.Value)).What
                ?? (SecretKey.IsMatch(key) && text.Value.Length >= 8 && !text.Value.Contains(' ') ? $"a literal value of '{key}'" : null);
            if (credential is not null)
            {
                yield return context.Finding(text.Resource, text.Path, new Located<string>(text.Value, text.Location),
                    $"{text.Path} holds {credential}", "move it into a Kubernetes Secret and reference it with the field's SecretRef form");
            }
        }
    }
}
