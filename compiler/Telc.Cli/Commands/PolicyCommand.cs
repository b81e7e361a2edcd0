using System.CommandLine;
using Telc.Policies;

namespace Telc.Cli.Commands;

public sealed record PolicyTestArguments(string? Folder);

/// <summary><c>telc policy test [DIR]</c>: each policy of a policy folder against its pass/ and fail/ fixtures.</summary>
public sealed class PolicyCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string?>("dir")
        {
            Description = $"Policy folder: one folder per policy id holding <id>.csx, pass/ and fail/ (default ./{PolicySources.FolderName})",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var test = new Command("test", "Run each policy over its fixtures and report per policy") { folder };
        test.SetAction(result => new PolicyCommand(context).Test(new PolicyTestArguments(result.GetValue(folder))));
        return new Command("policy", "Work with policies") { test };
    }

    public int Test(PolicyTestArguments arguments)
    {
        var folder = context.FullPath(arguments.Folder ?? PolicySources.FolderName);
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"policy folder '{arguments.Folder ?? PolicySources.FolderName}' does not exist");
        }

        var (verdicts, folderProblems) = PolicyFixtures.Run(folder, context.WorkingDirectory, context.PolicySettings());
        foreach (var problem in folderProblems)
        {
            context.Out.Write($"{problem.Path}: {problem.Code} {problem.Message}\n");
        }

        if (verdicts.Count == 0)
        {
            throw new UsageException($"no policy under '{arguments.Folder ?? PolicySources.FolderName}': each lives in <id>/<id>.csx");
        }

        var width = verdicts.Max(v => v.Policy.Length);
        foreach (var verdict in verdicts)
        {
            var status = verdict.Passed ? "ok  " : "FAIL";
            var fixtures = verdict.Fixtures.IsEmpty ? "no fixtures" : string.Join(", ", verdict.Fixtures);
            context.Out.Write($"{verdict.Policy.PadRight(width)}  {status}  {fixtures}\n");
            foreach (var failure in verdict.Failures)
            {
                context.Out.Write($"{new string(' ', width)}        {failure}\n");
            }
        }

        var failed = verdicts.Count(v => !v.Passed);
        context.Out.Write($"{verdicts.Count} {(verdicts.Count == 1 ? "policy" : "policies")} tested: {verdicts.Count - failed} passed, {failed} failed\n");
        return failed == 0 && folderProblems.Count == 0 ? ExitCodes.Clean : ExitCodes.ProblemsFound;
    }
}
