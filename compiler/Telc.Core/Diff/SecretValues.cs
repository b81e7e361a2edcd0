using System.Text.RegularExpressions;

namespace Telc.Diff;

/// <summary>
/// Decides which values the diff must never print: everything in a Secret's data, fields named like credentials
/// (references such as <c>password_file</c> or <c>apiKeySecretRef</c> are fine), and the user-info part of URLs.
/// </summary>
public static partial class SecretValues
{
    public const string Hidden = "(secret value hidden)";

    public static bool IsSecretObject(ObjectIdentity identity) => identity.Kind == "Secret";

    /// <summary>The sections of a Secret that hold its values.</summary>
    public static readonly string[] DataSections = ["data", "stringData"];

    /// <summary>A path inside a Secret's values: data, data["key"], stringData...</summary>
    public static bool IsSecretData(string path) =>
        DataSections.Any(section => path == section || path.StartsWith(section + ".", StringComparison.Ordinal) || path.StartsWith(section + "[", StringComparison.Ordinal));

    public static bool IsCredentialField(string key) => CredentialName().IsMatch(key);

    public static string MaskUrlCredentials(string value) => value.Contains("://", StringComparison.Ordinal) ? UrlUserInfo().Replace(value, "://***@") : value;

    [GeneratedRegex("(password|passwd|secret|token|api_?key|credentials?|private_?key|routing_?key|service_?key)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialName();

    [GeneratedRegex(@"://[^/@\s]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlUserInfo();
}
