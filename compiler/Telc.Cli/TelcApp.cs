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
            GitHubCommand.Create(context),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await context.Error.WriteLineAsync($"telc: {error.Message}");
            }

            await context.Error.WriteLineAsync("Run 'telc --help' for usage.");
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
            await context.Error.WriteLineAsync($"telc: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e)
        {
            await context.Error.WriteLineAsync($"telc: internal error: {e.Message}");
            await context.Error.WriteLineAsync(e.ToString());
            return ExitCodes.InternalError;
        }
    }
}
