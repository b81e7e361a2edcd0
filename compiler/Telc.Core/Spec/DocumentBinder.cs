using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.Parsing;
using Telc.Schema;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Spec;

/// <summary>
/// Checks one YAML document against the schema of its kind and binds it to the typed model in the same walk,
/// so every problem is reported at its node, and a document with any problem is not bound.
/// </summary>
public sealed class DocumentBinder
{
    private static readonly string[] EnvelopeFields = ["apiVersion", "kind", "metadata", "spec"];

    private readonly ShapeCatalog shapes;
    private readonly SourceFile file;
    private readonly List<Diagnostic> diagnostics;
    private bool failed;

    private DocumentBinder(ShapeCatalog shapes, SourceFile file, List<Diagnostic> diagnostics)
    {
        this.shapes = shapes;
        this.file = file;
        this.diagnostics = diagnostics;
    }

    public static Resource? Bind(YamlDocument document, ShapeCatalog shapes, List<Diagnostic> diagnostics)
    {
        var binder = new DocumentBinder(shapes, document.File, diagnostics);
        return binder.BindDocument(document);
    }

    private Resource? BindDocument(YamlDocument document)
    {
        if (document.Root is not YamlMapping root)
        {
            Report(DiagnosticCatalogue.DocumentNotMapping, document.Root,
                $"a spec document must be a mapping with apiVersion, kind, metadata and spec; this one is {Article(document.Root)}",
                "is this file meant to be a telc spec? Only *.yaml files with telc documents belong under the spec root");
            return null;
        }

        var apiVersion = root.Find("apiVersion");
        var kindEntry = root.Find("kind");
        if (apiVersion is null || kindEntry is null)
        {
            var missing = apiVersion is null && kindEntry is null ? "apiVersion and kind" : apiVersion is null ? "apiVersion" : "kind";
            Report(DiagnosticCatalogue.MissingEnvelopeField, (YamlNode?)kindEntry?.Key ?? (YamlNode?)root.Entries.FirstOrDefault()?.Key ?? root,
                $"document has no {missing}",
                $"start every document with 'apiVersion: {SpecKinds.ApiVersion}' and 'kind: <one of {string.Join(", ", SpecKinds.All.Select(k => k.Name))}>'");
            return null;
        }

        if (apiVersion.Value is not YamlScalar { Value: SpecKinds.ApiVersion })
        {
            Report(DiagnosticCatalogue.UnknownApiVersion, apiVersion.Value,
                $"apiVersion '{ScalarText(apiVersion.Value)}' is not supported", $"use 'apiVersion: {SpecKinds.ApiVersion}'");
            return null;
        }

        var kindName = ScalarText(kindEntry.Value);
        var kind = SpecKinds.Find(kindName);
        if (kind is null)
        {
            Report(DiagnosticCatalogue.UnknownKind, kindEntry.Value, $"kind '{kindName}' is not a telc kind",
                Suggestions.Hint(kindName, SpecKinds.All.Select(k => k.Name).ToArray(), "kind"));
            return null;
        }

        foreach (var entry in root.Entries.Where(e => !EnvelopeFields.Contains(e.Key.Value)))
        {
            ReportUnknownField(entry.Key, EnvelopeFields);
        }

        var metadataEntry = root.Find("metadata");
        if (metadataEntry is null)
        {
            Report(DiagnosticCatalogue.MissingProperty, kindEntry.Key, $"{kind.Name} has no metadata",
                "add 'metadata: { name: <name> }'");
            return null;
        }

        var metadata = (Metadata?)BindValue(metadataEntry.Value, new RecordShapeRef(typeof(Metadata)), "metadata");
        var specNode = root.Find("spec")?.Value ?? new YamlMapping([], TextSpan.FromBounds(root.Span.End, root.Span.End));
        var spec = (SpecNode?)BindValue(specNode, new RecordShapeRef(kind.SpecType), "spec");
        return metadata?.Name is null || spec is null ? null : new Resource(kind, metadata, spec, document, IsComplete: !failed);
    }

    private object? BindValue(YamlNode node, ValueShape shape, string path)
    {
        switch (shape)
        {
            case RecordShapeRef reference:
                return BindRecord(node, shapes.Record(reference.Type), path);
            case LocatedShape located:
                var inner = BindValue(node, located.Inner, path);
                return inner is null ? null : located.Create(inner, file.Locate(node.Span));
            case ListShape list:
                return BindList(node, list, path);
            case MapShape map:
                return BindMap(node, map, path);
        }

        if (node is not YamlScalar scalar || scalar.Type == ScalarType.Null)
        {
            return WrongType(node, shape);
        }

        switch (shape)
        {
            case StringShape:
                return scalar.Type == ScalarType.String ? scalar.Value : WrongType(node, shape);
            case BoolShape:
                return scalar.Type == ScalarType.Bool ? bool.Parse(scalar.Value) : WrongType(node, shape);
            case IntegerShape integer:
                if (scalar.Type != ScalarType.Int || !long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return WrongType(node, shape);
                }

                return integer.ClrType == typeof(int) ? (object)(int)Math.Clamp(whole, int.MinValue, int.MaxValue) : whole;
            case NumberShape:
                return scalar.Type is ScalarType.Int or ScalarType.Float && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : WrongType(node, shape);
            case EnumShape enumeration:
                return BindEnum(scalar, enumeration);
            case ParsedShape parsed:
                return BindParsed(scalar, parsed);
            default:
                throw new InvalidOperationException($"unhandled shape {shape}");
        }
    }

    private object? BindRecord(YamlNode node, RecordShape shape, string path)
    {
        if (shape.Shorthand is { } shorthand && node is YamlScalar { Type: ScalarType.String } text)
        {
            if (!Regex.IsMatch(text.Value, shorthand.Pattern, RegexOptions.CultureInvariant))
            {
                Report(DiagnosticCatalogue.InvalidPresetReference, node, $"'{text.Value}' is not a valid {Noun(path)}",
                    $"write it as {shorthand.Example}, or as a mapping with name and version");
                return null;
            }

            return ((SpecNode)shorthand.FromText.Invoke(null, [text.Value])!) with { Location = file.Locate(node.Span) };
        }

        var mapping = node switch
        {
            YamlMapping m => m,
            YamlScalar { Type: ScalarType.Null } => new YamlMapping([], node.Span),
            _ => null,
        };
        if (mapping is null)
        {
            return WrongType(node, new RecordShapeRef(shape.Type));
        }

        var values = new object?[shape.Fields.Length];
        var present = new List<FieldShape>();
        foreach (var entry in mapping.Entries)
        {
            var field = shape.Find(entry.Key.Value);
            if (field is null)
            {
                ReportUnknownField(entry.Key, shape.Fields.Select(f => f.YamlName));
                continue;
            }

            if (entry.Value is YamlScalar { Type: ScalarType.Null } && field.Value is not RecordShapeRef)
            {
                continue; // 'field:' with nothing after it means the field is left out
            }

            present.Add(field);
            values[shape.Fields.IndexOf(field)] = BindField(entry.Value, field, path + "." + field.YamlName);
        }

        CheckChoices(mapping, shape, present);
        for (var i = 0; i < shape.Fields.Length; i++)
        {
            var field = shape.Fields[i];
            if (values[i] is not null || present.Contains(field))
            {
                continue;
            }

            if (field.Required)
            {
                Report(DiagnosticCatalogue.MissingProperty, mapping.Entries.IsEmpty ? mapping : mapping.Entries[0].Key,
                    $"{Noun(path)} has no '{field.YamlName}'", $"add '{field.YamlName}': {field.Doc}");
            }

            values[i] = DefaultValue(field);
        }

        // Built even when fields failed, so checks that tolerate gaps (references, names) still see the document.
        for (var i = 0; i < shape.Fields.Length; i++)
        {
            values[i] ??= Placeholder(shape.Fields[i]);
        }

        var record = (SpecNode)shape.Constructor.Invoke(values);
        return record with { Location = file.Locate(mapping.Span) };
    }

    private object? BindField(YamlNode node, FieldShape field, string path)
    {
        var value = BindValue(node, field.Value, path);
        if (value is null)
        {
            return null;
        }

        var scalarText = (value as string) ?? (value as Located<string>)?.Value;
        if (field.Pattern is { } pattern && scalarText is not null && !field.PatternRegex!.IsMatch(scalarText))
        {
            var isName = pattern.Pattern == Names.DnsLabel;
            Report(DiagnosticCatalogue.InvalidFormat, node,
                isName ? $"'{scalarText}' is not a valid name for {Noun(path)}" : $"'{scalarText}' is not a valid {Noun(path)}",
                isName ? $"use lowercase letters, digits and '-', starting and ending with a letter or digit, e.g. {pattern.Example}" : $"expected something like {pattern.Example}");
            return value; // well-typed, so later checks can still use it; the document is already marked failed
        }

        if (isNameTooLong(field, scalarText))
        {
            Report(DiagnosticCatalogue.InvalidFormat, node, $"'{scalarText}' is longer than 63 characters", "Kubernetes names are at most 63 characters");
            return value;
        }

        if (field.Range is { } range && value is int or long or double)
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (number < range.Minimum || number > range.Maximum)
            {
                var bounds = range.Maximum == double.MaxValue
                    ? $"at least {range.Minimum.ToString(CultureInfo.InvariantCulture)}"
                    : $"between {range.Minimum.ToString(CultureInfo.InvariantCulture)} and {range.Maximum.ToString(CultureInfo.InvariantCulture)}";
                Report(DiagnosticCatalogue.OutOfRange, node, $"{Noun(path)} must be {bounds}, not {number.ToString(CultureInfo.InvariantCulture)}", null);
            }
        }

        return value;

        static bool isNameTooLong(FieldShape field, string? text) => field.Pattern?.Pattern == Names.DnsLabel && text is { Length: > 63 };
    }

    private void CheckChoices(YamlMapping mapping, RecordShape shape, List<FieldShape> present)
    {
        foreach (var (choice, exactly) in new[] { (shape.ExactlyOneOf, true), (shape.AtMostOneOf, false) })
        {
            if (choice.IsEmpty)
            {
                continue;
            }

            var set = present.Where(f => choice.Contains(f.YamlName)).ToArray();
            if (set.Length > 1)
            {
                var second = mapping.Find(set[1].YamlName)!.Key;
                Report(DiagnosticCatalogue.ExactlyOneOf, second,
                    $"'{set[0].YamlName}' and '{set[1].YamlName}' are both set; {(exactly ? "exactly" : "at most")} one of {string.Join(", ", choice)} may be",
                    "split them into separate documents or remove one");
            }
            else if (set.Length == 0 && exactly)
            {
                Report(DiagnosticCatalogue.ExactlyOneOf, mapping.Entries.IsEmpty ? mapping : mapping.Entries[0].Key,
                    $"none of {string.Join(", ", choice)} is set; exactly one must be", null);
            }
        }
    }

    private object? BindList(YamlNode node, ListShape shape, string path)
    {
        if (node is not YamlSequence sequence)
        {
            return WrongType(node, shape);
        }

        var items = new List<object>();
        var names = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            var item = sequence.Items[i];
            var value = BindValue(item, shape.Item, $"{path}[{i}]");
            if (value is null)
            {
                continue;
            }

            items.Add(value);
            if (ItemName(value) is { } name && !names.TryAdd(name.Text, item))
            {
                Report(DiagnosticCatalogue.DuplicateListItem, name.Node ?? item,
                    $"'{name.Text}' appears twice in {Noun(path)} (first at line {file.GetPosition(names[name.Text].Span.Start).Line})", "names in a list must be unique");
            }
        }

        return shape.Create(items);
    }

    private (string Text, YamlNode? Node)? ItemName(object? value) => value switch
    {
        string text => (text, null),
        Located<string> located => (located.Value, null),
        Receiver { Name: { } name } => (name.Value, NodeAt(name.Location)),
        MuteTimeInterval { Name: { } name } => (name.Value, NodeAt(name.Location)),
        ScrapeSelector { Name: { } name } => (name, null),
        PresetUse { Name: { } name } => (name, null),
        _ => null,
    };

    private static YamlNode NodeAt(SourceLocation location) => new YamlScalar(string.Empty, ScalarType.String, true, location.Span);

    private object? BindMap(YamlNode node, MapShape shape, string path)
    {
        if (node is not YamlMapping mapping)
        {
            return WrongType(node, shape);
        }

        var items = new List<KeyValuePair<string, object?>>();
        foreach (var entry in mapping.Entries)
        {
            if (BindValue(entry.Value, shape.Value, path + "." + entry.Key.Value) is { } value)
            {
                items.Add(new(entry.Key.Value, value));
            }
        }

        return shape.Create(items);
    }

    private object? BindEnum(YamlScalar scalar, EnumShape shape)
    {
        foreach (var (name, value) in shape.Members)
        {
            if (name == scalar.Value)
            {
                return value;
            }
        }

        var names = shape.Members.Select(m => m.Name).ToArray();
        Report(DiagnosticCatalogue.ValueNotAllowed, scalar, $"'{scalar.Value}' is not allowed here",
            (Suggestions.Closest(scalar.Value, names) is { } closest ? $"did you mean '{closest}'? " : string.Empty) + "allowed: " + string.Join(", ", names));
        return null;
    }

    private object? BindParsed(YamlScalar scalar, ParsedShape shape)
    {
        var parsed = scalar.Type is ScalarType.String or ScalarType.Int ? shape.Parse(scalar.Value) : null;
        if (parsed is not null)
        {
            return parsed;
        }

        var isDuration = shape.ClrType == typeof(Values.Duration);
        Report(isDuration ? DiagnosticCatalogue.InvalidDuration : DiagnosticCatalogue.InvalidSize, scalar,
            $"'{scalar.Value}' is not a valid {(isDuration ? "duration" : "size")}",
            isDuration
                ? "write a number and a unit (ms, s, m, h, d, w, y), largest unit first, e.g. " + shape.Example
                : "write a number and a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB, Ki, Mi, Gi, Ti), e.g. " + shape.Example);
        return null;
    }

    private object? WrongType(YamlNode node, ValueShape expected)
    {
        string? hint = null;
        if (expected is StringShape or ParsedShape or EnumShape or LocatedShape { Inner: StringShape } && node is YamlScalar { Type: not ScalarType.String and not ScalarType.Null } scalar)
        {
            hint = $"quote it to make it a string: \"{scalar.Value}\"";
        }
        else if (expected is BoolShape && node is YamlScalar { Value: "yes" or "no" or "on" or "off" or "Yes" or "No" or "On" or "Off" })
        {
            hint = "write true or false; YAML 1.2 reads yes/no/on/off as strings";
        }
        else if (expected is ListShape && node is YamlScalar { Type: not ScalarType.Null })
        {
            hint = "write a list, e.g. [a, b] or one '- item' per line";
        }

        Report(DiagnosticCatalogue.WrongType, node, $"expected {expected.Describe}, found {Article(node)}", hint);
        return null;
    }

    private void ReportUnknownField(YamlScalar key, IEnumerable<string> known)
    {
        var names = known.ToArray();
        Report(DiagnosticCatalogue.UnknownProperty, key, $"unknown field '{key.Value}'",
            Suggestions.Closest(key.Value, names) is { } closest
                ? $"did you mean '{closest}'?"
                : names.Length == 0 ? "this mapping takes no fields" : "fields here: " + string.Join(", ", names));
    }

    private void Report(DiagnosticDescriptor descriptor, YamlNode node, string message, string? hint)
    {
        failed = true;
        diagnostics.Add(Diagnostic.At(descriptor, file.Locate(node.Span), message, hint));
    }

    private static object? DefaultValue(FieldShape field)
    {
        if (field.Default is { } value)
        {
            return field.Value switch
            {
                ParsedShape parsed => parsed.Parse((string)value),
                ListShape list => list.Create((Array)value),
                _ => value,
            };
        }

        return field.Value switch
        {
            ListShape list => list.Create(Array.Empty<object>()),
            MapShape map => map.Create([]),
            _ => null,
        };
    }

    /// <summary>What stands in for a field that failed to bind, in a document that is reported and never used as complete.</summary>
    private static object? Placeholder(FieldShape field) =>
        DefaultValue(field) ?? (field.Parameter.ParameterType.IsValueType ? Activator.CreateInstance(field.Parameter.ParameterType) : null);

    private static string ScalarText(YamlNode node) => node is YamlScalar scalar ? scalar.Value : node.KindName;

    private static string Article(YamlNode node) => node switch
    {
        YamlScalar { Type: ScalarType.Null } => "nothing",
        YamlScalar { Type: ScalarType.String } s => $"the string '{Shorten(s.Value)}'",
        YamlScalar s => $"the {s.KindName} {s.Value}",
        YamlMapping => "a mapping",
        _ => "a list",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text.ReplaceLineEndings(" ") : text[..37].ReplaceLineEndings(" ") + "...";

    private static string Noun(string path) => $"'{path}'";
}
