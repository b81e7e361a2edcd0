using System.CommandLine;
using Telc.Sources;

namespace Telc.Cli.Commands;

/// <summary>Turns the PATH and --ref arguments into a source: a project folder holding telemetry/, or the spec root itself.</summary>
public static class SpecLocation
{
    public static Argument<string?> CreatePathArgument() => new("path")
    {
        Description = $"Project folder holding {SpecFileNames.DefaultRoot}/, or the spec root itself (default: {SpecFileNames.DefaultRoot})",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<string?> CreateRefOption() => new("--ref") { Description = "Read the spec from this git ref instead of the working tree" };

    /// <param name="displayBase">Folder that file paths in diagnostics are relative to.</param>
    public static ISpecSource Resolve(string? path, string? gitRef, CliContext context, string displayBase)
    {
        var given = path ?? SpecFileNames.DefaultRoot;
        if (gitRef is not null)
        {
            return new GitRefSource(context.FullPath(given), gitRef, displayBase);
        }

        var full = context.FullPath(given);
        if (!Directory.Exists(full))
        {
            throw new UsageException(path is null
                ? $"no '{SpecFileNames.DefaultRoot}' folder here; pass the spec folder or the project folder holding it"
                : $"spec folder '{given}' does not exist");
        }

        return new WorkingTreeSource(Folders(path, context).SpecRoot, displayBase);
    }

    /// <summary>
    /// The spec root and the project folder around it: PATH/telemetry and PATH when PATH holds a telemetry folder,
    /// else PATH and its parent.
    /// </summary>
    public static (string ProjectFolder, string SpecRoot) Folders(string? path, CliContext context)
    {
        var full = context.FullPath(path ?? SpecFileNames.DefaultRoot).TrimEnd(Path.DirectorySeparatorChar);
        var nested = Path.Combine(full, SpecFileNames.DefaultRoot);
        return Directory.Exists(nested) ? (full, nested) : (Path.GetDirectoryName(full)!, full);
    }

    /// <summary>
    /// GitHub resolves annotation and SARIF paths against the repository root, so those formats use the workspace
    /// (or the repository's top level); people reading text get paths relative to where they are.
    /// </summary>
    public static string DisplayBase(string format, CliContext context) =>
        format is "github" or "sarif"
            ? context.Variable("GITHUB_WORKSPACE") ?? GitRepository.TopLevel(context.WorkingDirectory) ?? context.WorkingDirectory
            : context.WorkingDirectory;
}
