using Telc.Diagnostics;
using Telc.Parsing;
using Telc.PromQL;
using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// Checks the queries of plain Prometheus rule files and of PrometheusRule objects (their spec.groups), so rules
/// written outside a telc spec get the same PromQL checks, at their YAML positions.
/// </summary>
public static class RuleFileChecker
{
    /// <summary>The diagnostics of one file and how many expressions it holds.</summary>
    public static (IReadOnlyList<Diagnostic> Diagnostics, int Expressions) Check(SourceFile file)
    {
        var parsed = YamlParser.Parse(file);
        var diagnostics = new List<Diagnostic>(parsed.Diagnostics);
        var count = 0;
        foreach (var document in parsed.Documents)
        {
            var groups = Find(document.Root, "groups") ?? Find(Find(document.Root, "spec"), "groups");
            foreach (var group in (groups as YamlSequence)?.Items ?? [])
            {
                foreach (var rule in (Find(group, "rules") as YamlSequence)?.Items ?? [])
                {
                    if (Find(rule, "expr") is not YamlScalar expr)
                    {
                        continue;
                    }

                    count++;
                    var location = file.Locate(expr.Span);
                    var result = Parser.Parse(expr.Value);
                    diagnostics.AddRange(result.Errors.Select(error => Diagnostic.At(
                        result.Root is null ? DiagnosticCatalogue.PromQLSyntax : DiagnosticCatalogue.PromQLType,
                        file.Locate(ScalarOffsets.Map(location, expr.Value, error.Span)), error.Message)));
                }
            }
        }

        return (diagnostics, count);
    }

    private static YamlNode? Find(YamlNode? node, string key) => (node as YamlMapping)?.Find(key)?.Value;
}
