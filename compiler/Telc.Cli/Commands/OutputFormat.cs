using Telc.Diagnostics.Formatting;

namespace Telc.Cli.Commands;

/// <summary>The formats diagnostics can be written in.</summary>
public static class OutputFormat
{
    public static readonly string[] Names = ["text", "json", "github", "sarif"];

    public static IDiagnosticFormatter Create(string name, bool color) => name switch
    {
        "json" => new JsonFormatter(),
        "github" => new GitHubFormatter(),
        "sarif" => new SarifFormatter(),
        _ => new TextFormatter(color),
    };
}
