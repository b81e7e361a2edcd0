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

    /// <summary>A string longer than this after substitution is refused.</summary>
    public const int MaxLength = 64 * 1024;

    /// <param name="problems">Where a <c>${name}</c> of no option and a string grown too long are reported.</param>
    public static YamlDocument Apply(YamlDocument document, IReadOnlyDictionary<string, string> values, List<Diagnostic> problems) =>
        document with { Root = Node(document.File, document.Root, values, problems, IsManifest(document)) };

    private static bool IsManifest(YamlDocument document) =>
        document.Root is YamlMapping root && root.Find("kind")?.Value is YamlScalar { Value: "Preset" };

    private static YamlNode Node(SourceFile file, YamlNode node, IReadOnlyDictionary<string, string> values, List<Diagnostic> problems, bool manifest) => node switch
    {
        YamlScalar { Type: ScalarType.String } scalar when scalar.Value.Contains("${", StringComparison.Ordinal) => Scalar(file, scalar, values, problems),
        YamlMapping mapping => mapping with
        {
            Entries = [.. mapping.Entries.Select(e => manifest && e.Key.Value == "options" ? e : e with { Value = Node(file, e.Value, values, problems, manifest && e.Key.Value == "spec") })],
        },
        YamlSequence sequence => sequence with { Items = [.. sequence.Items.SelectMany(i => Items(file, i, values, problems))] },
        _ => node,
    };

    /// <summary>A list item that is one option and nothing else takes a comma-separated value as several items (targets: ["${members}"]).</summary>
    private static IEnumerable<YamlNode> Items(SourceFile file, YamlNode item, IReadOnlyDictionary<string, string> values, List<Diagnostic> problems)
    {
        if (item is YamlScalar { Type: ScalarType.String } scalar && Reference().Match(scalar.Value) is { Success: true } match && match.Length == scalar.Value.Length
            && values.TryGetValue(match.Groups[1].Value, out var value) && value.Contains(','))
        {
            return value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(part => scalar with { Value = part, Type = scalar.IsPlain ? ScalarResolver.Resolve(part) : ScalarType.String });
        }

        return [Node(file, item, values, problems, false)];
    }

    private static YamlScalar Scalar(SourceFile file, YamlScalar scalar, IReadOnlyDictionary<string, string> values, List<Diagnostic> problems)
    {
        var references = Reference().Matches(scalar.Value);
        foreach (var unknown in references.Where(m => !values.ContainsKey(m.Groups[1].Value)))
        {
            problems.Add(Diagnostic.At(DiagnosticCatalogue.InvalidPreset, new SourceLocation(file, scalar.Span),
                $"'{unknown.Value}' names no option of this preset",
                Suggestions.Hint(unknown.Groups[1].Value, [.. values.Keys], "option") ?? "declare it under spec.options of preset.yaml"));
        }

        // Measured before it is built: one option repeated in a string could otherwise make it any size.
        var length = scalar.Value.Length + references.Sum(m => (long)(values.TryGetValue(m.Groups[1].Value, out var value) ? value.Length - m.Length : 0));
        if (length > MaxLength)
        {
            problems.Add(Diagnostic.At(DiagnosticCatalogue.InvalidPreset, new SourceLocation(file, scalar.Span),
                $"with the options' values this string would be {length} characters long, more than the {MaxLength} a preset's string may have", "use shorter option values"));
            return scalar;
        }

        var text = Reference().Replace(scalar.Value, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

        // A plain scalar that was only an option ('replicas: ${replicas}') takes the type its value has.
        return scalar with { Value = text, Type = scalar.IsPlain ? ScalarResolver.Resolve(text) : ScalarType.String };
    }

    [GeneratedRegex(@"\$\{([A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
