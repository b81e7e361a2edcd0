using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Sources;
using Telc.Text;

namespace Telc.Tests.Support;

/// <summary>Compiles specs written inline in tests.</summary>
public static class Specs
{
    public const string Header = "apiVersion: telc.io/v1alpha1\n";

    /// <summary>A Cluster document, closed with '---' so that the next document can follow.</summary>
    public static string Cluster(string name, string environment) =>
        Header + $"kind: Cluster\nmetadata: {{ name: {name} }}\nspec: {{ environment: {environment} }}\n---\n";

    /// <summary>A Backend document of one type (prometheus, alertmanager, loki…) with its settings, closed with '---'.</summary>
    public static string Backend(string name, string type, string settings = "{}") =>
        Header + $"kind: Backend\nmetadata: {{ name: {name} }}\nspec: {{ {type}: {settings} }}\n---\n";

    /// <summary>A TracePipeline app-traces taking one input (otlp, zipkin, jaeger) to the backend, closed with '---'.</summary>
    public static string TracePipeline(string output, string input = "otlp") =>
        Header + $"kind: TracePipeline\nmetadata: {{ name: app-traces }}\nspec: {{ input: {{ {input}: {{}} }}, output: {{ backend: {output} }} }}\n---\n";

    /// <summary>The Team shop (namespace shop) and the RetentionPolicy retention with the rules given as a flow sequence: what the store tests keep data by.</summary>
    public static string ShopAndRetention(string rules) =>
        Header + "kind: Team\nmetadata: { name: shop }\nspec: { namespaces: [shop], owners: [\"@acme/shop\"] }\n---\n"
        + Header + $"kind: RetentionPolicy\nmetadata: {{ name: retention }}\nspec: {{ rules: {rules} }}\n";

    /// <summary>Compiles the text and requires it to have no errors (infos and warnings may remain).</summary>
    public static Compilation CompileWithoutErrors(string text, params (string Path, string Text)[] files)
    {
        var compilation = Compile([("spec.yaml", text), .. files]);
        Assert.False(compilation.HasErrors, string.Join("\n", compilation.Diagnostics));
        return compilation;
    }

    /// <summary>Compiles files given as (spec path, text) pairs in a temp folder.</summary>
    public static Compilation Compile(params (string Path, string Text)[] files)
    {
        using var folder = new TempFolder();
        foreach (var (path, text) in files)
        {
            folder.Write(path, text);
        }

        return Compilation.Create(new WorkingTreeSource(folder.Path, folder.Path));
    }

    public static Compilation Compile(string text) => Compile(("spec.yaml", text));

    public static YamlParseResult Parse(string text) => YamlParser.Parse(new SourceFile("spec.yaml", "spec.yaml", text));

    /// <summary>Diagnostics as "CODE line:col" strings, easy to compare.</summary>
    public static string[] Codes(this IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Code} {d.Start}").ToArray();

    /// <summary>The errors and warnings: what a spec that is fine has none of (infos such as TELC501 may remain).</summary>
    public static IEnumerable<Diagnostic> Problems(this Compilation compilation) =>
        compilation.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info);

    public static Diagnostic Single(this Compilation compilation, string code) =>
        Assert.Single(compilation.Diagnostics, d => d.Code == code);
}
