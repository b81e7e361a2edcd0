using Telc.Parsing;
using Telc.Text;

namespace Telc.Tests.Support;

/// <summary>A rendered output tree on disk, with the config files its ConfigMaps carry laid out as they are mounted.</summary>
public sealed class RenderedTree(string root)
{
    public string Root { get; } = root;

    public IEnumerable<string> ClusterFolders => Directory.GetDirectories(Path.Combine(Root, "clusters")).Order(StringComparer.Ordinal);

    public IEnumerable<string> Files(string pattern) =>
        Directory.EnumerateFiles(Root, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>The data entries of every ConfigMap whose name ends with the suffix, by file.</summary>
    public IEnumerable<(string File, IReadOnlyDictionary<string, string> Data)> ConfigMaps(string nameSuffix)
    {
        foreach (var file in Files("configmap-*" + nameSuffix + ".yaml"))
        {
            var document = YamlParser.Parse(new SourceFile(file, file, File.ReadAllText(file))).Documents.Single();
            var data = ((YamlMapping)document.Root).Find("data")?.Value as YamlMapping;
            yield return (file, data?.Entries.ToDictionary(e => e.Key.Value, e => ((YamlScalar)e.Value).Value) ?? []);
        }
    }

    public static RenderedTree Render(string specPath, string outputDirectory)
    {
        var result = CliRunner.Run(RepoPaths.Root, "render", specPath, "-o", outputDirectory);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return new RenderedTree(outputDirectory);
    }
}
