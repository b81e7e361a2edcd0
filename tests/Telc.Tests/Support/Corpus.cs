namespace Telc.Tests.Support;

/// <summary>
/// The shared real-world corpus beside the repository (../shared/corpus), read in place. Tests that need it are
/// skipped with the reason when it is absent, unless TELC_CORPUS_REQUIRED=1 (set by .ci/run), where that fails.
/// </summary>
public static class Corpus
{
    public static string Root => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "corpus"));

    public static string File(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        var present = System.IO.File.Exists(path);
        if (!present && Environment.GetEnvironmentVariable("TELC_CORPUS_REQUIRED") == "1")
        {
            Assert.Fail($"{path} is missing (TELC_CORPUS_REQUIRED=1)");
        }

        Skip.IfNot(present, $"the shared corpus is not beside this clone ({path} is missing)");
        return path;
    }
}
