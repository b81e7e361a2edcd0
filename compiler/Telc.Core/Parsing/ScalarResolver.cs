using System.Text.RegularExpressions;

namespace Telc.Parsing;

/// <summary>Resolves plain scalars with the YAML 1.2 core schema (so <c>yes</c> and <c>on</c> stay strings).</summary>
internal static partial class ScalarResolver
{
    public static ScalarType Resolve(string value) => value switch
    {
        "" or "~" or "null" or "Null" or "NULL" => ScalarType.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarType.Bool,
        _ when IntPattern().IsMatch(value) => ScalarType.Int,
        _ when FloatPattern().IsMatch(value) => ScalarType.Float,
        _ => ScalarType.String,
    };

    [GeneratedRegex(@"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
