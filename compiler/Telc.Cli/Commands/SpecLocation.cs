using Telc.Sources;

namespace Telc.Cli.Commands;

/// <summary>Turns the PATH and --ref arguments into a source: a project folder holding telemetry/, or the spec root itself.</summary>
public static class SpecLocation
{
    public static ISpecSource Resolve(string? path, string? gitRef, CliContext context)
    {
        var given = path ?? SpecFileNames.DefaultRoot;
        if (gitRef is not null)
        {
            return new GitRefSource(context.FullPath(given), gitRef, context.WorkingDirectory);
        }

        var full = context.FullPath(given);
        if (!Directory.Exists(full))
        {
            throw new UsageException(path is null
                ? $"no '{SpecFileNames.DefaultRoot}' folder here; pass the spec folder or the project folder holding it"
                : $"spec folder '{given}' does not exist");
        }

        var nested = Path.Combine(full, SpecFileNames.DefaultRoot);
        return new WorkingTreeSource(Directory.Exists(nested) ? nested : full, context.WorkingDirectory);
    }
}
