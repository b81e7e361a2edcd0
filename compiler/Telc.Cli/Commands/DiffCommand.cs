using System.CommandLine;
using System.Text;
using Telc.Diff;
using Telc.Diff.Formatting;
using Telc.Sources;

namespace Telc.Cli.Commands;

public sealed record DiffArguments(string? Base, string? Head, string? Path, string Format, bool ExitCode, string? Report, string? Outputs);

/// <summary>
/// <c>telc diff [BASE] [HEAD]</c>: renders the spec at two git refs (HEAD defaults to the working tree, BASE to its
/// merge base with the default branch) and reports what changes, cluster by cluster, without a checkout or a cluster.
/// </summary>
public sealed class DiffCommand(CliContext context)
{
    public static readonly string[] Formats = ["text", "markdown", "json"];

    public static Command Create(CliContext context)
    {
        var baseRef = new Argument<string?>("base") { Description = "Git ref of the old side (default: the merge base of HEAD with the default branch)", Arity = ArgumentArity.ZeroOrOne };
        var headRef = new Argument<string?>("head") { Description = "Git ref of the new side (default: the working tree)", Arity = ArgumentArity.ZeroOrOne };
        var path = new Option<string?>("--path") { Description = $"Project folder holding {SpecFileNames.DefaultRoot}/, or the spec root itself (default: {SpecFileNames.DefaultRoot})" };
        var format = new Option<string>("--format") { Description = "Report format", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit 2 when anything differs (like git diff --exit-code)" };
        var report = new Option<string?>("--report") { Description = "Write the report to this file and only its headline to standard output" };
        var outputs = new Option<string?>("--outputs")
        {
            Description = "Append changed=, changed-clusters=, high-risk=, medium-risk=, low-risk= lines to this file (the format of GitHub Actions' $GITHUB_OUTPUT)",
        };
        var command = new Command("diff", "Render the spec at two git refs and show what changes, in telemetry terms and field by field")
        {
            baseRef, headRef, path, format, exitCode, report, outputs,
        };
        command.SetAction(result => new DiffCommand(context).Run(new DiffArguments(
            result.GetValue(baseRef), result.GetValue(headRef), result.GetValue(path), result.GetValue(format)!,
            result.GetValue(exitCode), result.GetValue(report), result.GetValue(outputs))));
        return command;
    }

    public int Run(DiffArguments arguments)
    {
        var reportPath = arguments.Report is { } report ? WritablePath.Check(context, report, "--report") : null;
        var outputsPath = arguments.Outputs is { } outputs ? WritablePath.Check(context, outputs, "--outputs") : null;
        var repository = Repository(arguments.Path);
        var (baseRef, baseLabel) = ResolveBase(arguments, repository);

        // Both refs are read at the spec root the working tree has (PATH/telemetry when it exists), so that a commit from
        // before the spec existed has no spec, instead of PATH itself being read as one.
        var specRoot = SpecLocation.Folders(arguments.Path, context).SpecRoot;
        var refPath = Directory.Exists(specRoot) ? specRoot : arguments.Path;
        var baseSource = SpecLocation.Resolve(refPath, baseRef, context, context.WorkingDirectory);
        var (headLabel, headSource) = arguments.Head is { } head
            ? (Label(repository, head), SpecLocation.Resolve(refPath, head, context, context.WorkingDirectory))
            : ("working tree", (ISpecSource)new WorkingTreeSource(specRoot, context.WorkingDirectory));

        // The two sides share nothing, so they compile and render side by side.
        var building = Task.Run(() => DiffSide.Build(baseLabel, baseSource));
        var after = DiffSide.Build(headLabel, headSource);
        var before = building.GetAwaiter().GetResult();
        if (before.Missing is not null && after.Missing is not null)
        {
            throw new UsageException($"there is no spec on either side: {after.Missing}; point --path at the project folder or the spec root");
        }

        var diff = SpecDiffer.Compare(before, after);

        if (reportPath is not null)
        {
            using var file = new StreamWriter(reportPath, append: false, new UTF8Encoding(false));
            Write(diff, arguments.Format, file, color: false);
            context.Out.Write(DiffWords.Headline(diff) + "\n");
        }
        else
        {
            Write(diff, arguments.Format, context.Out, context.Color);
        }

        if (outputsPath is not null)
        {
            // A side that does not compile leaves nothing to compare: say so rather than 'no change'.
            string Known(string value) => diff.Failed ? "unknown" : value;
            File.AppendAllText(outputsPath, string.Concat(
                $"changed={Known(diff.HasDifferences ? "true" : "false")}\n",
                $"changed-clusters={Known(string.Join(",", diff.ChangedClusters))}\n",
                $"high-risk={Known($"{diff.Count(Risk.High)}")}\n",
                $"medium-risk={Known($"{diff.Count(Risk.Medium)}")}\n",
                $"low-risk={Known($"{diff.Count(Risk.Low)}")}\n",
                $"base-status={DiffWords.Status(diff.Base)}\n",
                $"head-status={DiffWords.Status(diff.Head)}\n"));
        }

        if (diff.Failed)
        {
            context.Error.Write("telc: the diff is incomplete because a side does not compile; see its diagnostics above\n");
            return ExitCodes.ProblemsFound;
        }

        return arguments.ExitCode && diff.HasDifferences ? ExitCodes.DifferenceFound : ExitCodes.Clean;
    }

    private static void Write(DiffReport report, string format, TextWriter output, bool color)
    {
        switch (format)
        {
            case "json":
                new DiffJsonFormatter().Write(report, output);
                break;
            case "markdown":
                new DiffMarkdownFormatter().Write(report, output);
                break;
            default:
                new DiffTextFormatter(color).Write(report, output);
                break;
        }
    }

    private static (string Ref, string Label) ResolveBase(DiffArguments arguments, string directory)
    {
        if (arguments.Base is { } given)
        {
            return (given, Label(directory, given));
        }

        var branch = GitRepository.DefaultBranch(directory)
            ?? throw new UsageException("cannot tell the default branch (no origin/HEAD, main or master); name the base, e.g. 'telc diff origin/main'");
        var mergeBase = GitRepository.MergeBase(directory, branch, arguments.Head ?? "HEAD")
            ?? throw new UsageException($"'{branch}' and '{arguments.Head ?? "HEAD"}' have no common ancestor; name the base explicitly");
        return (mergeBase, $"merge base with {branch} ({GitRepository.ShortCommit(directory, mergeBase)})");
    }

    /// <summary>"main (7a1cbc4)", or just the short hash when the ref is a hash.</summary>
    private static string Label(string repository, string reference)
    {
        var commit = GitRepository.ShortCommit(repository, reference)
            ?? throw new UsageException($"git ref '{reference}' does not name a commit");
        var isHash = reference.StartsWith(commit, StringComparison.OrdinalIgnoreCase) || commit.StartsWith(reference, StringComparison.OrdinalIgnoreCase);
        return isHash ? commit : $"{reference} ({commit})";
    }

    /// <summary>The repository the spec lives in, found from the spec folder or, when the working tree lacks it, its nearest parent.</summary>
    private string Repository(string? path)
    {
        var probe = context.FullPath(path ?? ".");
        while (!Directory.Exists(probe) && Path.GetDirectoryName(probe) is { } parent)
        {
            probe = parent;
        }

        return GitRepository.TopLevel(probe) ?? throw new UsageException("telc diff compares git refs; run it inside a git repository or point --path into one");
    }
}
