using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Text;

namespace Telc.Presets;

/// <summary>
/// Replaces <c>${name}</c> in the string scalars of a preset's documents with option values, before they are bound,
/// so a substituted value goes through the same schema checks as one written in place. The manifest's own option
/// declarations are left as written.
/// </summary>
public static partial class OptionSubstitution
{
    /// <summary>The value every preset has: its own name.</summary>
    public const string PresetName = "preset";

    public static YamlDocument Apply(YamlDocument document, IReadOnlyDictionary<string, string> values, List<Diagnostic>? unknown) =>
        document with { Root = Node(document.File, document.Root, values, unknown, IsManifest(document)) };

    private static bool IsManifest(YamlDocument document) =>
        document.Root is YamlMapping root && root.Find("kind")?.Value is YamlScalar { Value: "Preset" };

    private static YamlNode Node(SourceFile file, YamlNode node, IReadOnlyDictionary<string, string> values, List<Diagnostic>? unknown, bool manifest) => node switch
    {
        YamlScalar { Type: ScalarType.String } scalar when scalar.Value.Contains("${", StringComparison.Ordinal) => Scalar(file, scalar, values, unknown),
        YamlMapping mapping => mapping with
        {
            Entries = [.. mapping.Entries.Select(e => manifest && e.Key.Value == "options" ? e : e with { Value = Node(file, e.Value, values, unknown, manifest && e.Key.Value == "spec") })],
        },
        YamlSequence sequence => sequence with { Items = [.. sequence.Items.SelectMany(i => Items(file, i, values, unknown))] },
        _ => node,
    };

    /// <summary>A list item that is one option and nothing else takes a comma-separated value as several items (targets: ["${members}"]).</summary>
    private static IEnumerable<YamlNode> Items(SourceFile file, YamlNode item, IReadOnlyDictionary<string, string> values, List<Diagnostic>? unknown)
    {
        if (item is YamlScalar { Type: ScalarType.String } scalar && Reference().Match(scalar.Value) is { Success: true } match && match.Length == scalar.Value.Length
            && values.TryGetValue(match.Groups[1].Value, out var value) && value.Contains(','))
        {
            return value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(part => scalar with { Value = part, Type = scalar.IsPlain ? ScalarResolver.Resolve(part) : ScalarType.String });
        }

        return [Node(file, item, values, unknown, false)];
    }

    private static YamlScalar Scalar(SourceFile file, YamlScalar scalar, IReadOnlyDictionary<string, string> values, List<Diagnostic>? unknown)
    {
        var text = Reference().Replace(scalar.Value, match =>
        {
            if (values.TryGetValue(match.Groups[1].Value, out var value))
            {
                return value;
            }

            unknown?.Add(Diagnostic.At(DiagnosticCatalogue.InvalidPreset, new SourceLocation(file, scalar.Span),
                $"'{match.Value}' names no option of this preset",
                Suggestions.Hint(match.Groups[1].Value, [.. values.Keys], "option") ?? "declare it under spec.options of preset.yaml"));
            return match.Value;
        });

        // A plain scalar that was only an option ('replicas: ${replicas}') takes the type its value has.
        return scalar with { Value = text, Type = scalar.IsPlain ? ScalarResolver.Resolve(text) : ScalarType.String };
    }

    [GeneratedRegex(@"\$\{([A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
