namespace Telc.Diff;

/// <summary>
/// Which values of a Secret the diff must never print: everything in its data. Fields named like credentials and
/// credentials inside any value are <see cref="Text.Credentials"/>'s to tell.
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
}
