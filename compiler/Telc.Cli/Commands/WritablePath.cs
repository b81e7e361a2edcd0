namespace Telc.Cli.Commands;

/// <summary>Checks a file option (--report, --outputs) before any work, so a typo is a usage error and not a crash at the end.</summary>
public static class WritablePath
{
    public static string Check(CliContext context, string path, string option)
    {
        var full = context.FullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} '{path}' is a folder; give a file name");
        }

        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            throw new UsageException($"{option} '{path}': the folder '{Path.GetDirectoryName(path)}' does not exist");
        }

        return full;
    }
}
