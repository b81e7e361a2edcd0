using System.CommandLine;
using Telc.Diagnostics;
using Telc.Diagnostics.Formatting;

namespace Telc.Cli.Commands;

public sealed record ValidateArguments(string? Path, string? Ref, string Format, string FailOn, string? Report, string? TrustedPoliciesRef = null, string? Outputs = null, string? ChangedSince = null);

/// <summary><c>telc validate [PATH]</c>: schema and semantic checks, diagnostics in the chosen format.</summary>
public sealed class ValidateCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var path = SpecLocation.CreatePathArgument();
        var gitRef = SpecLocation.CreateRefOption();
        var format = OutputFormat.CreateOption("Output format");
        var failOn = new Option<string>("--fail-on") { Description = "Lowest level that makes the exit code 1", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning");
        var report = new Option<string?>("--report") { Description = "Write the report to this file instead of standard output" };
        var trustedPolicies = new Option<string?>("--trusted-policies-ref")
        {
            Description = "Read the project's policies from this git ref (e.g. the base branch) instead of the spec's tree, so a pull request cannot change them",
        };

        var outputs = new Option<string?>("--outputs")
        {
            Description = "Append errors=, warnings= lines to this file (the format of GitHub Actions' $GITHUB_OUTPUT)",
        };
        var changedSince = new Option<string?>("--changed-since")
        {
            Description = "With --format github: findings in the files changed since this git ref come first (GitHub shows 10 annotations per level)",
        };
        var command = new Command("validate", "Check the spec: YAML, schemas, references and semantic rules")
        {
            path, gitRef, format, failOn, report, trustedPolicies, outputs, changedSince,
        };
        command.SetAction(result => new ValidateCommand(context).Run(new ValidateArguments(
            result.GetValue(path), result.GetValue(gitRef), result.GetValue(format)!, result.GetValue(failOn)!, result.GetValue(report), result.GetValue(trustedPolicies), result.GetValue(outputs), result.GetValue(changedSince))));
        return command;
    }

    public int Run(ValidateArguments arguments)
    {
        var reportPath = arguments.Report is { } reportFile ? WritablePath.Check(context, reportFile, "--report") : null;
        var outputsPath = arguments.Outputs is { } outputsFile ? WritablePath.Check(context, outputsFile, "--outputs") : null;
        var displayBase = SpecLocation.DisplayBase(arguments.Format, context);
        var checkedSpec = CheckedSpec.Run(context, arguments.Path, arguments.Ref, displayBase, arguments.TrustedPoliciesRef);
        var diagnostics = checkedSpec.Diagnostics;
        var report = checkedSpec.Report();
        var formatter = OutputFormat.Create(arguments.Format, context.Color && arguments.Report is null, ChangedFiles(arguments.ChangedSince, displayBase));
        if (reportPath is not null)
        {
            using var file = new StreamWriter(reportPath, append: false, new System.Text.UTF8Encoding(false));
            formatter.Write(report, file);
            context.Out.Write(TextFormatter.Summary(report) + "\n");
        }
        else
        {
            formatter.Write(report, context.Out);
        }

        if (outputsPath is not null)
        {
            File.AppendAllText(outputsPath, $"errors={report.Count(DiagnosticLevel.Error)}\nwarnings={report.Count(DiagnosticLevel.Warning)}\n");
        }

        var failing = arguments.FailOn == "warning" ? DiagnosticLevel.Warning : DiagnosticLevel.Error;
        return diagnostics.Any(d => d.Level >= failing) ? ExitCodes.ProblemsFound : ExitCodes.Clean;
    }

    /// <summary>The files changed since the ref, as the diagnostics name them (relative to the display base).</summary>
    private IReadOnlySet<string>? ChangedFiles(string? reference, string displayBase)
    {
        if (reference is null)
        {
            return null;
        }

        var top = Sources.GitRepository.TopLevel(context.WorkingDirectory)
            ?? throw new UsageException("--changed-since compares with a git ref; run telc inside a git repository");
        var changed = Sources.GitRepository.ChangedSince(top, reference)
            ?? throw new UsageException($"git ref '{reference}' does not name a commit");
        return changed.Select(p => Path.GetRelativePath(displayBase, Path.Combine(top, p)).Replace(Path.DirectorySeparatorChar, '/')).ToHashSet(StringComparer.Ordinal);
    }
}
