using System.CommandLine;
using Telc.Diagnostics;
using Telc.Diagnostics.Formatting;
using Telc.PromQL;
using Telc.Semantics;
using Telc.Sources;

namespace Telc.Cli.Commands;

public sealed record PromQLFormatArguments(string? Query);

public sealed record PromQLCheckArguments(IReadOnlyList<string> Files, string Format);

/// <summary>
/// <c>telc promql fmt [QUERY]</c> prints a query (from the argument or standard input) in canonical form;
/// <c>telc promql check FILE…</c> checks the queries of Prometheus rule files and PrometheusRule objects.
/// </summary>
public sealed class PromQLCommand(CliContext context)
{
    public static Command Create(CliContext context, TextReader input)
    {
        var query = new Argument<string?>("query") { Description = "The query; read from standard input when left out", Arity = ArgumentArity.ZeroOrOne };
        var format = new Command("fmt", "Print a PromQL query in canonical form, or its errors") { query };
        format.SetAction(result => new PromQLCommand(context).Format(new PromQLFormatArguments(result.GetValue(query)), input));
        var files = new Argument<string[]>("files") { Description = "Prometheus rule files or PrometheusRule manifests", Arity = ArgumentArity.OneOrMore };
        var outputFormat = OutputFormat.CreateOption("Output format");
        var check = new Command("check", "Check the queries of Prometheus rule files and PrometheusRule objects") { files, outputFormat };
        check.SetAction(result => new PromQLCommand(context).Check(new PromQLCheckArguments(result.GetValue(files)!, result.GetValue(outputFormat)!)));
        return new Command("promql", "Work with PromQL queries") { format, check };
    }

    public int Check(PromQLCheckArguments arguments)
    {
        var diagnostics = new List<Diagnostic>();
        var expressions = 0;
        foreach (var path in arguments.Files)
        {
            var full = context.FullPath(path);
            if (!File.Exists(full))
            {
                throw new UsageException($"file '{path}' does not exist");
            }

            var decodingProblems = new List<Diagnostic>();
            var bytes = ReadArgument(full, path);
            if (SourceDecoder.Decode(bytes, path, path, decodingProblems) is { } file)
            {
                var (found, count) = RuleFileChecker.Check(file);
                diagnostics.AddRange(found);
                expressions += count;
            }

            diagnostics.AddRange(decodingProblems);
        }

        OutputFormat.Create(arguments.Format, context.Color).Write(new DiagnosticReport(diagnostics, arguments.Files.Count, expressions, "expression"), context.Out);
        return diagnostics.Any(d => d.Level == DiagnosticLevel.Error) ? ExitCodes.ProblemsFound : ExitCodes.Clean;
    }

    /// <summary>A rule file named on the command line; a file of size 0 (or a FIFO, socket or device) is a usage error.</summary>
    private static byte[] ReadArgument(string full, string path)
    {
        try
        {
            return RegularFile.Read(full, SpecFileNames.MaxFileBytes) ?? throw new UsageException($"'{path}' {RegularFile.EmptyOrSpecial}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{path}': {e.Message}");
        }
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
