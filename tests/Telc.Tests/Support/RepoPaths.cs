namespace Telc.Tests.Support;

/// <summary>Locates the repository the tests run from, so examples and schemas are read in place.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Compiler.sln not found above " + AppContext.BaseDirectory);
    }
}
