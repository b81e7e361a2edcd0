using System.CommandLine;
using Telc.Diagnostics;
using Telc.Diagnostics.Formatting;
using Telc.Emit;
using Telc.Model;
using Telc.Output;
using Telc.Sources;

namespace Telc.Cli.Commands;

public sealed record RenderArguments(string? Path, string? Output, bool Check, string? Ref, string Format, bool Stdout = false, string? Cluster = null, bool AllowEmpty = false);

/// <summary>
/// <c>telc render [PATH] [-o DIR] [--check]</c>: validates, then writes the whole output tree atomically,
/// or with --check compares it with the committed tree (exit 2 when they differ). Nothing is written on any error.
/// <c>telc render [PATH] --stdout [--cluster NAME]</c> prints one cluster's objects as a YAML stream instead, with the
/// diagnostics on stderr, for tools that read manifests from a command (an Argo CD plugin, kubectl apply -f -).
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
        var stdout = new Option<bool>("--stdout")
        {
            Description = "Write nothing; print one cluster's objects as a multi-document YAML stream (the diagnostics go to stderr)",
        };
        var cluster = new Option<string?>("--cluster") { Description = "With --stdout: the cluster to print (needed when the spec has more than one)" };
        var allowEmpty = new Option<bool>("--allow-empty")
        {
            Description = "Replace a rendered tree with clusters by one without any (refused otherwise: GitOps would delete every object)",
        };
        var command = new Command("render", "Validate the spec and write the rendered manifests") { path, output, check, gitRef, format, stdout, cluster, allowEmpty };
        command.SetAction(result => new RenderCommand(context).Run(new RenderArguments(
            result.GetValue(path), result.GetValue(output), result.GetValue(check), result.GetValue(gitRef), result.GetValue(format)!,
            result.GetValue(stdout), result.GetValue(cluster), result.GetValue(allowEmpty))));
        return command;
    }

    public int Run(RenderArguments arguments)
    {
        RefuseConflictingOptions(arguments);
        if (arguments.Stdout)
        {
            return Print(arguments);
        }

        var displayBase = SpecLocation.DisplayBase(arguments.Format, context);
        var checkedSpec = CheckedSpec.Run(context, arguments.Path, arguments.Ref, displayBase);
        var compilation = checkedSpec.Compilation;
        var outputDirectory = checkedSpec.HasErrors ? null : OutputDirectory(arguments, compilation);
        var rendered = outputDirectory is null ? null : Renderer.Render(compilation, RepositoryPath(outputDirectory));
        var report = checkedSpec.Report();
        var formatter = OutputFormat.Create(arguments.Format, context.Color);
        if (rendered is null || outputDirectory is null || report.Count(DiagnosticLevel.Error) > 0)
        {
            formatter.Write(report, context.Out);
            context.Error.Write("telc: nothing was written because of the errors above\n");
            return ExitCodes.ProblemsFound;
        }

        if (report.Diagnostics.Count > 0 || report.Waived.Count > 0)
        {
            formatter.Write(report, context.Out);
        }

        var clusters = compilation.Clusters.Length == 1 ? "1 cluster" : $"{compilation.Clusters.Length} clusters";
        // With a machine-readable format, standard output holds the report alone; what render did goes to standard error.
        var status = arguments.Format is "json" or "sarif" ? context.Error : context.Out;
        if (arguments.Check)
        {
            var differences = TreeWriter.Compare(outputDirectory, rendered.Files);
            if (differences.Count == 0)
            {
                status.Write($"{Relative(outputDirectory)} is up to date ({rendered.Files.Length} files, {clusters})\n");
                return ExitCodes.Clean;
            }

            status.Write($"{Relative(outputDirectory)} is stale: {differences.Count} files differ from what the spec renders to\n");
            foreach (var difference in differences)
            {
                status.Write($"  {difference.Change}: {difference.Path}\n");
            }

            status.Write($"run '{RenderAgain(arguments)}' and commit the result\n");
            return ExitCodes.DifferenceFound;
        }

        try
        {
            TreeWriter.Write(outputDirectory, rendered.Files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {Relative(outputDirectory)}: {e.Message}");
        }

        status.Write($"rendered {rendered.Files.Length} files for {clusters} into {Relative(outputDirectory)}\n");
        return ExitCodes.Clean;
    }

    /// <summary>The command that rewrites what --check compared: the same spec, ref and output folder.</summary>
    private static string RenderAgain(RenderArguments arguments) => string.Join(' ', new[]
    {
        "telc render", arguments.Path, arguments.Ref is { } reference ? $"--ref {reference}" : null, arguments.Output is { } output ? $"-o {output}" : null,
    }.OfType<string>());

    private static void RefuseConflictingOptions(RenderArguments arguments)
    {
        if (arguments.Stdout && arguments.Output is not null)
        {
            throw new UsageException("--stdout prints the manifests instead of writing them: drop -o DIR, or drop --stdout to write the folder");
        }

        if (arguments.Stdout && arguments.Check)
        {
            throw new UsageException("--stdout and --check do not go together: --check compares a written folder, --stdout writes none");
        }

        if (!arguments.Stdout && arguments.Cluster is not null)
        {
            throw new UsageException("--cluster chooses the cluster --stdout prints; a folder always holds every cluster");
        }
    }

    /// <summary>--stdout: the objects of one cluster on stdout, everything else on stderr, and nothing on stdout on any error.</summary>
    private int Print(RenderArguments arguments)
    {
        var displayBase = SpecLocation.DisplayBase(arguments.Format, context);
        var checkedSpec = CheckedSpec.Run(context, arguments.Path, arguments.Ref, displayBase);
        var compilation = checkedSpec.Compilation;
        var formatter = OutputFormat.Create(arguments.Format, context.Color);
        if (checkedSpec.HasErrors)
        {
            return ReportErrors(formatter, checkedSpec.Report());
        }

        var cluster = ChooseCluster(compilation, arguments.Cluster);
        var rendered = Renderer.Render(compilation, cluster: cluster.Name);
        var report = checkedSpec.Report();

        if (report.Diagnostics.Count > 0 || report.Waived.Count > 0)
        {
            formatter.Write(report, context.Error);
        }

        context.Out.Write(ManifestStream.Of(rendered, cluster.Name));
        return ExitCodes.Clean;
    }

    private int ReportErrors(IDiagnosticFormatter formatter, DiagnosticReport report)
    {
        formatter.Write(report, context.Error);
        context.Error.Write("telc: nothing was printed because of the errors above\n");
        return ExitCodes.ProblemsFound;
    }

    /// <summary>The cluster --cluster names, or the only one; a usage error naming the clusters otherwise.</summary>
    private static ClusterPlan ChooseCluster(Compilation compilation, string? name)
    {
        var names = compilation.Clusters.Select(c => c.Name).Order(StringComparer.Ordinal).ToArray();
        if (names.Length == 0)
        {
            throw new UsageException("the spec declares no Cluster, so there is nothing to print");
        }

        var known = $"its clusters are {string.Join(", ", names)}";
        if (name is null)
        {
            return compilation.Clusters.Length == 1
                ? compilation.Clusters[0]
                : throw new UsageException($"--stdout prints one cluster: choose it with --cluster NAME ({known})");
        }

        if (compilation.Clusters.FirstOrDefault(c => c.Name == name) is { } cluster)
        {
            return cluster;
        }

        var suggestion = Suggestions.Closest(name, names) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;
        throw new UsageException($"no cluster '{name}' in the spec{suggestion}; {known}");
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
            var (project, real) = (RealPath.Of(projectFolder), RealPath.Of(output));
            if (real == project || !RealPath.IsUnder(real, project))
            {
                throw new UsageException($"the Project's output.path leads out of the project folder ({Relative(output)}); give -o DIR to write elsewhere");
            }
        }

        if (!arguments.Check && TreeWriter.RefuseToReplace(output, specRoot) is { } reason)
        {
            throw new UsageException($"will not replace {Relative(output)}: {reason}");
        }

        if (!arguments.Check && !arguments.AllowEmpty && compilation.Clusters.IsEmpty && Directory.Exists(Path.Combine(output, "clusters"))
            && Directory.EnumerateFileSystemEntries(Path.Combine(output, "clusters")).Any())
        {
            // The Argo CD accident: an empty render that prunes every object of every cluster.
            throw new UsageException($"will not replace {Relative(output)}: the spec renders no cluster, and the tree there has clusters; "
                + "GitOps would delete every object they hold (give --allow-empty if that is what you want)");
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
