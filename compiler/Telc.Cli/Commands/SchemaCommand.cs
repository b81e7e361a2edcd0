using System.CommandLine;
using Telc.Policies;
using Telc.Schema;
using Telc.Spec;

namespace Telc.Cli.Commands;

public sealed record SchemaArguments(string? Out, string? Kind);

/// <summary><c>telc schema</c>: prints the entry schema (or one kind's), or writes them all to a folder.</summary>
public sealed class SchemaCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out") { Description = "Write every schema file into this folder" };
        var kind = new Option<string?>("--kind") { Description = "Print the schema of one kind" };
        var command = new Command("schema", "Print or write the JSON Schemas of the spec") { output, kind };
        command.SetAction(result => new SchemaCommand(context).Run(new SchemaArguments(result.GetValue(output), result.GetValue(kind))));
        return command;
    }

    public int Run(SchemaArguments arguments)
    {
        var kind = arguments.Kind is { } kindName
            ? SpecKinds.All.FirstOrDefault(k => string.Equals(k.Name, kindName, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"unknown kind '{kindName}'; kinds: {string.Join(", ", SpecKinds.All.Select(k => k.Name))}")
            : null;

        IReadOnlyList<(string FileName, string Json)> files;
        try
        {
            // Only the Project's schema (and the full set) holds the built-in policies' options, which the worker describes.
            var builtIn = arguments.Out is not null || kind is null || kind.SpecType == typeof(Telc.Spec.Kinds.ProjectSpec)
                ? PolicyRunner.Describe(PolicySources.BuiltIn, context.PolicySettings())
                : [];
            files = new SchemaGenerator(ShapeCatalog.Instance, builtIn).Generate();
        }
        catch (PolicyWorkerException e)
        {
            context.Error.Write($"telc: the schema of the built-in policies' options needs the policy worker: {e.Message}\n");
            return ExitCodes.InternalError;
        }

        if (arguments.Out is { } folder)
        {
            var directory = context.FullPath(folder);
            try
            {
                Directory.CreateDirectory(directory);
                foreach (var (name, json) in files)
                {
                    File.WriteAllText(Path.Combine(directory, name), json, new System.Text.UTF8Encoding(false));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write the schemas into '{folder}': {e.Message}");
            }

            context.Out.Write($"wrote {files.Count} schema files to {folder}\n");
            return ExitCodes.Clean;
        }

        var wanted = kind is null ? SchemaGenerator.EntryFileName : SchemaGenerator.FileName(kind);
        context.Out.Write(files.Single(f => f.FileName == wanted).Json);
        return ExitCodes.Clean;
    }
}
