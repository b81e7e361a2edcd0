namespace Telc.Tests.Support;

/// <summary>
/// Every spec whose rendered tree is committed beside it: the examples and the folders under tests/cases/render/.
/// Add a folder with telemetry/ and rendered/, and every render test covers it.
/// </summary>
public static class RenderCases
{
    public static IReadOnlyList<string> All { get; } =
    [
        .. Folders("examples").Where(f => f != "examples/invalid"),
        .. Folders("tests/cases/render"),
    ];

    public static TheoryData<string> Data() => Of(All);

    /// <summary>The cases whose committed tree carries a config file of this name (prometheus.yml, alertmanager.yml).</summary>
    public static TheoryData<string> Rendering(string configFile) =>
        Of(All.Where(c => Directory.EnumerateFiles(RepoPaths.Combine(c, "rendered"), "configmap-*.yaml", SearchOption.AllDirectories)
            .Any(f => File.ReadAllText(f).Contains($"\n  {configFile}: ", StringComparison.Ordinal))));

    private static IEnumerable<string> Folders(string parent) =>
        Directory.GetDirectories(RepoPaths.Combine(parent))
            .Where(d => Directory.Exists(Path.Combine(d, "telemetry")))
            .Select(d => $"{parent}/{Path.GetFileName(d)}")
            .Order(StringComparer.Ordinal);

    private static TheoryData<string> Of(IEnumerable<string> cases)
    {
        var data = new TheoryData<string>();
        foreach (var name in cases)
        {
            data.Add(name);
        }

        return data;
    }
}
