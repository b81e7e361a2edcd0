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

    /// <summary>A file documents may name and telc reads with the spec: a Grafana dashboard's JSON.</summary>
    public static bool IsAttachment(string name) => !name.StartsWith('.') && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static bool IsRead(string name) => IsSpecFile(name) || IsAttachment(name);

    public static bool IsIgnoredFolder(string name) => name.StartsWith('.');

    public static string Combine(string directory, string name) =>
        directory.Length == 0 ? name : directory + "/" + name;

    /// <summary>Resolves '.' and '..' in a '/'-separated relative path; null when it climbs above its start.</summary>
    public static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
