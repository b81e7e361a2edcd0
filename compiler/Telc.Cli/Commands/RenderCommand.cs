using System.CommandLine;
using Telc.Diagnostics;
using Telc.Diagnostics.Formatting;
using Telc.Emit;
using Telc.Output;
using Telc.Sources;

namespace Telc.Cli.Commands;

public sealed record RenderArguments(string? Path, string? Output, bool Check, string? Ref, string Format);

/// <summary>
/// <c>telc render [PATH] [-o DIR] [--check]</c>: validates, then writes the whole output tree atomically,
/// or with --check compares it with the committed tree (exit 2 when they differ). Nothing is written on any error.
/// </summary>
public sealed class RenderCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var path = SpecLocation.CreatePathArgument();
        var output = new Option<string?>("--output", "-o") { Description = "Output folder (default: the Project's output.path, 'rendered', next to the spec root)" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 2 and list the files that differ when the output folder is stale" };
        var gitRef = SpecLocation.CreateRefOption();
        var format = OutputFormat.CreateOption("Format of the diagnostics");
        var command = new Command("render", "Validate the spec and write the rendered manifests") { path, output, check, gitRef, format };
        command.SetAction(result => new RenderCommand(context).Run(new RenderArguments(
            result.GetValue(path), result.GetValue(output), result.GetValue(check), result.GetValue(gitRef), result.GetValue(format)!)));
        return command;
    }

    public int Run(RenderArguments arguments)
    {
        var displayBase = SpecLocation.DisplayBase(arguments.Format, context);
        var source = SpecLocation.Resolve(arguments.Path, arguments.Ref, context, displayBase);
        var compilation = Compilation.Create(source);
        var outputDirectory = compilation.HasErrors ? null : OutputDirectory(arguments, compilation);
        var rendered = outputDirectory is null ? null : Renderer.Render(compilation.Model, compilation.Clusters, RepositoryPath(outputDirectory));
        var diagnostics = compilation.Diagnostics.Concat(rendered?.Diagnostics ?? []).ToArray();
        var formatter = OutputFormat.Create(arguments.Format, context.Color);
        if (rendered is null || outputDirectory is null || diagnostics.Any(d => d.Level == DiagnosticLevel.Error))
        {
            formatter.Write(new DiagnosticReport(diagnostics, compilation.Sources.Files.Count, compilation.DocumentCount), context.Out);
            context.Error.Write("telc: nothing was written because of the errors above\n");
            return ExitCodes.ProblemsFound;
        }

        if (diagnostics.Length > 0)
        {
            formatter.Write(new DiagnosticReport(diagnostics, compilation.Sources.Files.Count, compilation.DocumentCount), context.Out);
        }

        var clusters = compilation.Clusters.Length == 1 ? "1 cluster" : $"{compilation.Clusters.Length} clusters";
        if (arguments.Check)
        {
            var differences = TreeWriter.Compare(outputDirectory, rendered.Files);
            if (differences.Count == 0)
            {
                context.Out.Write($"{Relative(outputDirectory)} is up to date ({rendered.Files.Length} files, {clusters})\n");
                return ExitCodes.Clean;
            }

            context.Out.Write($"{Relative(outputDirectory)} is stale: {differences.Count} files differ from what the spec renders to\n");
            foreach (var difference in differences)
            {
                context.Out.Write($"  {difference.Change}: {difference.Path}\n");
            }

            context.Out.Write($"run 'telc render{(arguments.Path is null ? string.Empty : " " + arguments.Path)}' and commit the result\n");
            return ExitCodes.DifferenceFound;
        }

        TreeWriter.Write(outputDirectory, rendered.Files);
        context.Out.Write($"rendered {rendered.Files.Length} files for {clusters} into {Relative(outputDirectory)}\n");
        return ExitCodes.Clean;
    }

    /// <summary>-o, else the Project's output.path next to the spec root (beside telemetry/ in a project folder); never inside the spec root.</summary>
    private string OutputDirectory(RenderArguments arguments, Compilation compilation)
    {
        var (projectFolder, specRoot) = SpecLocation.Folders(arguments.Path, context);
        string output;
        if (arguments.Output is { } explicitOutput)
        {
            output = context.FullPath(explicitOutput);
        }
        else if (arguments.Ref is not null)
        {
            throw new UsageException("with --ref, say where to write with -o DIR");
        }
        else
        {
            output = Path.GetFullPath(Path.Combine(projectFolder, compilation.Model.Project?.Output?.Path ?? "rendered"));
        }

        if (!arguments.Check && TreeWriter.RefuseToReplace(output, specRoot) is { } reason)
        {
            throw new UsageException($"will not replace {Relative(output)}: {reason}");
        }

        return output;
    }

    /// <summary>The output folder relative to its git repository's top level, where Argo CD and Flux look; null outside git.</summary>
    private static string? RepositoryPath(string outputDirectory)
    {
        var parent = Path.GetDirectoryName(outputDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return parent is not null && Directory.Exists(parent) && GitRepository.TopLevel(parent) is { } top
            ? Path.GetRelativePath(top, outputDirectory).Replace(Path.DirectorySeparatorChar, '/')
            : null;
    }

    private string Relative(string path) => Path.GetRelativePath(context.WorkingDirectory, path).Replace(Path.DirectorySeparatorChar, '/');
}
