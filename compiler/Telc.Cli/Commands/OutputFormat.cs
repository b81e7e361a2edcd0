using System.CommandLine;
using Telc.Diagnostics.Formatting;

namespace Telc.Cli.Commands;

/// <summary>The formats diagnostics can be written in.</summary>
public static class OutputFormat
{
    public static readonly string[] Names = ["text", "json", "github", "sarif"];

    /// <summary>The --format option every command that reports diagnostics takes.</summary>
    public static Option<string> CreateOption(string description)
    {
        var option = new Option<string>("--format") { Description = description, DefaultValueFactory = _ => "text" };
        option.AcceptOnlyFromAmong(Names);
        return option;
    }

    public static IDiagnosticFormatter Create(string name, bool color, IReadOnlySet<string>? changedFiles = null) => name switch
    {
        "json" => new JsonFormatter(),
        "github" => new GitHubFormatter(changedFiles),
        "sarif" => new SarifFormatter(),
        _ => new TextFormatter(color),
    };
}
