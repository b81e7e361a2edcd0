using System.CommandLine;
using Telc.Cli.Commands;
using Telc.Sources;

namespace Telc.Cli;

/// <summary>Builds the command tree and maps every outcome to the exit-code contract.</summary>
public static class TelcApp
{
    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = new RootCommand("telc compiles a telemetry spec into rendered manifests and checks it against schemas and policies.")
        {
            ValidateCommand.Create(context),
            RenderCommand.Create(context),
            SchemaCommand.Create(context),
            PromQLCommand.Create(context, context.Input ?? TextReader.Null),
            PolicyCommand.Create(context),
            DiffCommand.Create(context),
            PresetsCommand.Create(context),
            GitHubCommand.Create(context),
        };

        var parsed = root.Parse(args);
        var problems = UsageProblems(parsed);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await context.Error.WriteLineAsync($"telc: {context.Shown(problem)}");
            }

            await context.Error.WriteLineAsync($"Run 'telc {(parsed.CommandResult.Command == root ? string.Empty : parsed.CommandResult.Command.Name + " ")}--help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e) when (e is UsageException or SpecSourceException)
        {
            await context.Error.WriteLineAsync($"telc: {context.Shown(e.Message)}");
            return ExitCodes.UsageError;
        }
        catch (Exception e)
        {
            await context.Error.WriteLineAsync($"telc: internal error: {context.Shown(e.Message)} ({Details(e, context)})");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Where the details of an internal error went: a file in the temp folder, for the bug report.</summary>
    private static string Details(Exception e, CliContext context)
    {
        var path = Path.Combine(Path.GetTempPath(), $"telc-internal-error-{Environment.ProcessId}.txt");
        try
        {
            File.WriteAllText(path, context.Secrets.Apply($"telc {Diagnostics.Formatting.DiagnosticReport.ToolVersion}\n{e}\n"));
            return $"details in {path}; please report it";
        }
        catch (Exception write) when (write is IOException or UnauthorizedAccessException)
        {
            return $"the details could not be written to {path}: {context.Shown(write.Message)}";
        }
    }

    /// <summary>
    /// What is wrong with the command line, told once: an unknown command or option by name (with the closest known one),
    /// never also as the missing command it leaves behind; and an option the parser took for a path (a word starting
    /// with '-' where an argument stands) as the unknown option it is.
    /// </summary>
    private static List<string> UsageProblems(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var isRoot = command.Parents.FirstOrDefault() is null;
        var known = command.Subcommands.Select(c => c.Name).Concat(command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))).ToArray();
        var unknownOptions = parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>()
            .SelectMany(a => a.Tokens).Select(t => t.Value).Concat(parsed.UnmatchedTokens)
            .Where(v => v.Length > 1 && v.StartsWith('-')).Distinct().ToArray();
        // A word after an unknown option is most likely its value, so it is not reported on its own.
        var strayWords = unknownOptions.Length > 0 ? [] : parsed.UnmatchedTokens.Where(v => !v.StartsWith('-')).ToArray();
        var problems = new List<string>();
        foreach (var token in unknownOptions)
        {
            problems.Add($"unknown option '{token}'{Closest(token, known)}");
        }

        foreach (var token in strayWords)
        {
            problems.Add(isRoot ? $"unknown command '{token}'{Closest(token, known)}" : $"unexpected argument '{token}'");
        }

        if (problems.Count == 0 && parsed.Errors.Count > 0 && isRoot && parsed.Tokens.Count == 0)
        {
            problems.Add($"say what to do: {string.Join(", ", command.Subcommands.Select(c => c.Name))}");
        }

        return problems.Count > 0 ? problems : [.. parsed.Errors.Select(e => e.Message)];

        static string Closest(string token, string[] known) =>
            Diagnostics.Suggestions.Closest(token, known) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;
    }
}
