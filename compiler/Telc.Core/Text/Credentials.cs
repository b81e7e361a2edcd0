using System.Text.RegularExpressions;

namespace Telc.Text;

/// <summary>
/// What a credential looks like, in one place: the compiler refuses one written in the spec (TELC216), and every text
/// telc shows of a spec (quoted source lines, diff values and messages) is masked with it. All patterns match in time
/// linear in the text, as a spec is hostile input.
/// </summary>
public static class Credentials
{
    public const string Mask = "***";

    private const RegexOptions Linear = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>
    /// Credentials by their form, wherever they stand, with what each is called and a text each match contains (case
    /// ignored): most values of a spec hold none of these, and skip the pattern.
    /// </summary>
    private static readonly (string What, string[] Holds, Lazy<Regex> Pattern)[] Forms =
    [
        ("a password in a URL's user info", ["://"], Pattern(@"[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]*:[^/\s]*@")),
        ("a credential in a URL's query", ["?", "&"], Pattern(@"[?&](?i:token|access_token|api_?key|x-api-key|key|secret|password|sig|signature|auth|x-amz-signature|x-amz-credential|x-goog-signature)=[^&#\s]+")),
        ("a webhook URL that is itself a secret", ["hooks.slack.com", "discord", "office.com"], Pattern(@"(?i:hooks\.slack\.com/services|discord(app)?\.com/api/webhooks|outlook\.office\.com/webhook|webhook\.office\.com)/[^\s""']+")),
        ("a Slack token", ["xox"], Pattern(@"xox[abposr]-[0-9A-Za-z-]{10,}")),
        ("a GitHub token", ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], Pattern(@"\b(ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{40,}")),
        ("an AWS access key", ["akia", "asia"], Pattern(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
        ("a private key", ["private key"], Pattern(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
        ("a bearer token", ["bearer"], Pattern(@"\b(?i:bearer)\s+[0-9A-Za-z._~+/-]{20,}")),
        ("a JSON web token", ["eyj"], Pattern(@"\beyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}")),
    ];

    /// <summary>Built on first use: most specs never need most forms, and building one takes longer than matching.</summary>
    private static Lazy<Regex> Pattern(string pattern) => new(() => new Regex(pattern, Linear));

    /// <summary>Every text a form's match contains: one vectorized search tells that a value holds none of them.</summary>
    private static readonly System.Buffers.SearchValues<string> AnyForm =
        System.Buffers.SearchValues.Create([.. Forms.SelectMany(f => f.Holds)], StringComparison.OrdinalIgnoreCase);

    /// <summary>Key names whose value is a secret, compared without case and separators (secretKey, aws_secret_access_key).</summary>
    private static readonly string[] SecretKeySuffixes =
        ["password", "passwd", "secret", "token", "apikey", "credential", "credentials", "secretkey", "secretaccesskey", "privatekey", "authorization", "routingkey", "servicekey"];

    /// <summary>
    /// A key with its value in a line of YAML or text (<c>password: x</c>, <c>"apiKey": "x"</c>); whether the key names a
    /// credential is <see cref="IsSecretKey"/>'s to say, so the line and the value checks agree.
    /// </summary>
    private static readonly Lazy<Regex> KeyedValue = Pattern(@"([A-Za-z0-9_.-]+)[""']?[ \t]*[:=][ \t]*(""[^""]*""|'[^']*'|[^\s,}\]#]+)");

    /// <summary>Whether a key's value is a secret by its name (a reference such as passwordSecretRef or password_file is not).</summary>
    public static bool IsSecretKey(string key) => SecretKeySuffixes.Any(suffix => EndsWithIgnoringSeparators(key, suffix));

    /// <summary>Whether the key, read without case and without what is not a letter or digit, ends with the suffix.</summary>
    private static bool EndsWithIgnoringSeparators(string key, string suffix)
    {
        var at = key.Length - 1;
        for (var i = suffix.Length - 1; i >= 0; i--, at--)
        {
            while (at >= 0 && !char.IsLetterOrDigit(key[at]))
            {
                at--;
            }

            if (at < 0 || char.ToLowerInvariant(key[at]) != suffix[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What credential the value holds, or null: a form found anywhere in it, or a literal under a key named like one.</summary>
    public static string? Describe(string key, string value)
    {
        foreach (var (what, holds, pattern) in value.AsSpan().ContainsAny(AnyForm) ? Forms : [])
        {
            if (MayMatch(value, holds) && pattern.Value.Match(value) is { Success: true } found)
            {
                return found.Value[0] is '?' or '&' ? $"a '{found.Value[1..found.Value.IndexOf('=', StringComparison.Ordinal)].ToLowerInvariant()}' parameter in a URL's query" : what;
            }
        }

        // Words under a key named like a credential are prose ("see the vault"), except an Authorization header's "Basic …".
        var literal = value.Length >= 8 && (!value.Any(char.IsWhiteSpace) || EndsWithIgnoringSeparators(key, "authorization"));
        return IsSecretKey(key) && literal ? $"a literal value of '{key}'" : null;
    }

    /// <summary>
    /// The text with every credential form it shows (URL user info, query credentials, tokens, keys) replaced by ***:
    /// what telc prints of a spec value or in a message.
    /// </summary>
    public static string Hide(string text) => HideForms(text, _ => Mask);

    /// <summary>
    /// A line of YAML with every credential it shows, the values of keys named like one included, replaced by as many
    /// '*': a quoted source line keeps its columns, so the caret under it still points at the right place.
    /// </summary>
    public static string HideInLine(string line)
    {
        static string Stars(int length) => new('*', length);
        var keyed = line.Length == 0 ? line : KeyedValue.Value.Replace(line, m => IsSecretKey(m.Groups[1].Value)
            ? m.Value[..(m.Groups[2].Index - m.Index)] + Stars(m.Groups[2].Length)
            : m.Value);
        return HideForms(keyed, Stars);
    }

    private static string HideForms(string text, Func<int, string> mask)
    {
        if (!text.AsSpan().ContainsAny(AnyForm))
        {
            return text;
        }

        var hidden = text;
        foreach (var (_, holds, pattern) in Forms)
        {
            hidden = MayMatch(hidden, holds) ? pattern.Value.Replace(hidden, m => Masked(m.Value, mask)) : hidden;
        }

        return hidden;
    }

    private static bool MayMatch(string text, string[] holds) => holds.Any(h => text.Contains(h, StringComparison.OrdinalIgnoreCase));

    /// <summary>A masked match keeps what tells the reader where it was: the scheme of a URL, the name of a query parameter.</summary>
    private static string Masked(string match, Func<int, string> mask)
    {
        var scheme = match.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && match.EndsWith('@'))
        {
            return match[..(scheme + 3)] + mask(match.Length - scheme - 4) + "@";
        }

        var equals = match.IndexOf('=', StringComparison.Ordinal);
        return match[0] is '?' or '&' && equals > 0 ? match[..(equals + 1)] + mask(match.Length - equals - 1) : mask(match.Length);
    }
}
