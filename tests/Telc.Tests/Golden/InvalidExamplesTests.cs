using Telc.Tests.Support;

namespace Telc.Tests.Golden;

/// <summary>
/// Every folder under examples/invalid/ is a broken spec with its expected text output in expected.txt.
/// Set TELC_UPDATE_GOLDEN=1 to rewrite the files; review the diff before committing.
/// </summary>
public sealed class InvalidExamplesTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(RepoPaths.Combine("examples", "invalid")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_expected_diagnostics(string name)
    {
        var result = CliRunner.Run(RepoPaths.Root, "validate", $"examples/invalid/{name}");
        var expectedPath = RepoPaths.Combine("examples", "invalid", name, "expected.txt");

        if (Environment.GetEnvironmentVariable("TELC_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, result.Output);
        }

        Assert.Equal(1, result.ExitCode);
        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; run the tests with TELC_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(expectedPath);
        Assert.True(expected == result.Output, $"examples/invalid/{name}: output differs from expected.txt\n{GoldenDiff.Describe(expected, result.Output)}");
    }

    [Fact]
    public void There_are_invalid_examples()
    {
        Assert.True(Cases().Count >= 10);
    }
}
