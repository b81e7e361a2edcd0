using Telc.Tests.Support;

namespace Telc.Tests.Cli;

/// <summary>telc's SARIF output checked by a standard validator against the SARIF 2.1.0 schema.</summary>
public sealed class SarifSchemaTests
{
    [SkippableFact]
    public void Sarif_output_validates_against_the_sarif_2_1_0_schema()
    {
        ExternalTools.RequireSarifValidator();
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "empty"));
        var files = new List<string>();
        foreach (var (name, path) in new[]
        {
            ("clean", "examples/quickstart"),
            ("broken", "examples/invalid/dangling-references"),
            ("syntax", "examples/invalid/malformed-yaml"),
            ("waived", "tests/cases/waivers"),
            ("empty", Path.Combine(folder.Path, "empty")),
        })
        {
            var result = CliRunner.Run(RepoPaths.Root, "validate", path, "--format", "sarif");
            var file = folder.Write(name + ".sarif", result.Output);
            files.Add(file);
        }

        var (exitCode, output) = ExternalTools.Run("node", [ExternalTools.SarifValidator, .. files]);

        Assert.True(exitCode == 0, output);
    }
}
