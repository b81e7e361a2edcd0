namespace Telc.Sources;

/// <summary>The file conventions shared by every source.</summary>
public static class SpecFileNames
{
    /// <summary>The spec root inside a project folder, used when the given path holds one.</summary>
    public const string DefaultRoot = "telemetry";

    /// <summary>Larger files are refused before they are read, to bound memory and time.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    public static bool IsSpecFile(string name) =>
        !name.StartsWith('.') &&
        (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase));

    public static bool IsIgnoredFolder(string name) => name.StartsWith('.');

    public static string Combine(string directory, string name) =>
        directory.Length == 0 ? name : directory + "/" + name;
}
