using System.CommandLine;
using Telc.PromQL;

namespace Telc.Cli.Commands;

public sealed record PromQLFormatArguments(string? Query);

/// <summary><c>telc promql fmt [QUERY]</c>: prints a query (from the argument or standard input) in canonical form.</summary>
public sealed class PromQLCommand(CliContext context)
{
    public static Command Create(CliContext context, TextReader input)
    {
        var query = new Argument<string?>("query") { Description = "The query; read from standard input when left out", Arity = ArgumentArity.ZeroOrOne };
        var format = new Command("fmt", "Print a PromQL query in canonical form, or its errors") { query };
        format.SetAction(result => new PromQLCommand(context).Format(new PromQLFormatArguments(result.GetValue(query)), input));
        return new Command("promql", "Work with PromQL queries") { format };
    }

    public int Format(PromQLFormatArguments arguments, TextReader input)
    {
        var text = arguments.Query ?? input.ReadToEnd();
        var result = Parser.Parse(text);
        if (!result.Success)
        {
            foreach (var error in result.Errors)
            {
                var prefix = text[..Math.Min(error.Span.Start, text.Length)];
                var line = prefix.Count(c => c == '\n') + 1;
                var column = prefix.Length - (prefix.LastIndexOf('\n') + 1) + 1;
                context.Error.Write($"{line}:{column}: {error.Message}\n");
            }

            return ExitCodes.ProblemsFound;
        }

        context.Out.Write(Formatter.Format(result.Root!) + "\n");
        return ExitCodes.Clean;
    }
}
