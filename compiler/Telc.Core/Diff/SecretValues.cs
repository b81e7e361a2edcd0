namespace Telc.Diff;

/// <summary>
/// Decides which values the diff must never print: everything in a Secret's data, fields named like credentials
/// (references such as <c>password_file</c> or <c>apiKeySecretRef</c> are fine), and credentials inside any value
/// (<see cref="Text.Credentials"/>).
/// </summary>
public static class SecretValues
{
    public const string Hidden = "(secret value hidden)";

    public static bool IsSecretObject(ObjectIdentity identity) => identity.Kind == "Secret";

    /// <summary>The sections of a Secret that hold its values.</summary>
    public static readonly string[] DataSections = ["data", "stringData"];

    /// <summary>A path inside a Secret's values: data, data["key"], stringData...</summary>
    public static bool IsSecretData(string path) =>
        DataSections.Any(section => path == section || path.StartsWith(section + ".", StringComparison.Ordinal) || path.StartsWith(section + "[", StringComparison.Ordinal));

    public static bool IsCredentialField(string key) => Text.Credentials.IsSecretKey(key);

    /// <summary>The value or message with every credential in it (URL user info, query credentials, tokens) shown as ***.</summary>
    public static string MaskCredentials(string value) => Text.Credentials.Hide(value);
}
