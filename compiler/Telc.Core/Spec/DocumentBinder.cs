using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
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

        if (kindEntry.Value is not YamlScalar { Type: ScalarType.String } kindScalar)
        {
            Report(DiagnosticCatalogue.UnknownKind, kindEntry.Value, $"kind must be a name, found {Article(kindEntry.Value)}",
                $"write one of {string.Join(", ", SpecKinds.All.Select(k => k.Name))}");
            return null;
        }

        var kind = SpecKinds.Find(kindScalar.Value);
        if (apiVersion.Value is not YamlScalar { Value: SpecKinds.ApiVersion })
        {
            var text = apiVersion.Value is YamlScalar { Type: ScalarType.String or ScalarType.Float or ScalarType.Int } version ? version.Value : null;
            Report(DiagnosticCatalogue.UnknownApiVersion, apiVersion.Value,
                text is null ? $"apiVersion must be '{SpecKinds.ApiVersion}', found {Article(apiVersion.Value)}" : $"apiVersion '{text}' is not supported",
                kind is null && text is not null && !text.StartsWith("telc.io/", StringComparison.Ordinal)
                    ? $"this looks like a {text} {kindScalar.Value}, not a telc document; {ForeignKindHint(kindScalar.Value)}"
                    : $"use 'apiVersion: {SpecKinds.ApiVersion}'");
            return null;
        }

        if (kind is null)
        {
            Report(DiagnosticCatalogue.UnknownKind, kindScalar, $"kind '{kindScalar.Value}' is not a telc kind",
                Suggestions.Closest(kindScalar.Value, SpecKinds.All.Select(k => k.Name)) is { } closest ? $"did you mean '{closest}'?" : ForeignKindHint(kindScalar.Value));
            return null;
        }

        foreach (var entry in root.Entries.Where(e => !EnvelopeFields.Contains(e.Key.Value)))
        {
            ReportUnknownField(entry.Key, EnvelopeFields);
        }

        var metadataEntry = root.Find("metadata");
        if (metadataEntry is null && !HasNearMiss(root, "metadata"))
        {
            Report(DiagnosticCatalogue.MissingProperty, kindEntry.Key, $"{kind.Name} has no metadata", "add 'metadata: { name: <name> }'");
        }

        var metadata = metadataEntry is null ? null : (Metadata?)BindValue(metadataEntry.Value, new RecordShapeRef(typeof(Metadata)), "metadata", metadataEntry.Key);
        var specEntry = root.Find("spec");
        SpecNode? spec;
        if (specEntry is not null)
        {
            spec = (SpecNode?)BindValue(specEntry.Value, new RecordShapeRef(kind.SpecType), "spec", specEntry.Key);
        }
        else if (shapes.Record(kind.SpecType) is { MustBeWritten: true } specShape)
        {
            if (!HasNearMiss(root, "spec"))
            {
                Report(DiagnosticCatalogue.MissingProperty, kindEntry.Key, $"{kind.Name} has no spec",
                    $"add 'spec:' with at least {string.Join(", ", specShape.Fields.Where(f => f.Required).Select(f => f.YamlName).DefaultIfEmpty("one of " + string.Join(", ", specShape.ExactlyOneOf)))}");
            }

            spec = null;
        }
        else
        {
            spec = (SpecNode?)BindValue(new YamlMapping([], kindEntry.Key.Span), new RecordShapeRef(kind.SpecType), "spec", kindEntry.Key);
        }

        return metadata?.Name is null || spec is null ? null : new Resource(kind, metadata, spec, document, IsComplete: !failed);
    }

    /// <summary>Objects of other tools that people paste into a spec, and the telc kind that says the same.</summary>
    private static string ForeignKindHint(string kind) => kind switch
    {
        "PrometheusRule" or "AlertRule" or "Alert" or "Rule" or "RecordingRule" => "write the rules as an AlertGroup",
        "ServiceMonitor" or "PodMonitor" or "ScrapeConfig" or "OpenTelemetryCollector" => "describe the collection as a MetricPipeline",
        "AlertmanagerConfig" or "Receiver" or "Route" => "write receivers and routes as an AlertRouting",
        "GrafanaDashboard" => "write a Dashboard",
        "Namespace" or "Deployment" or "ConfigMap" or "Secret" or "Service" or "StatefulSet" or "DaemonSet" =>
            "Kubernetes objects are rendered by telc, not written in the spec; keep them out of the spec root",
        _ => $"telc kinds are {string.Join(", ", SpecKinds.All.Select(k => k.Name))}",
    };

    /// <summary>Whether an unknown key of the mapping is a misspelling of <paramref name="field"/> (already reported as such).</summary>
    private static bool HasNearMiss(YamlMapping mapping, string field) =>
        mapping.Entries.Any(e => e.Key.Value != field && Suggestions.Closest(e.Key.Value, [field]) is not null);

    /// <param name="owner">The key (or list item) holding the value: where "missing field" findings point.</param>
    private object? BindValue(YamlNode node, ValueShape shape, string path, YamlNode owner)
    {
        switch (shape)
        {
            case RecordShapeRef reference:
                return BindRecord(node, shapes.Record(reference.Type), path, owner);
            case LocatedShape located:
                var inner = BindValue(node, located.Inner, path, owner);
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
                if (scalar.Type != ScalarType.Int)
                {
                    return WrongType(node, shape);
                }

                if (ParseInteger(scalar.Value) is not { } whole || (integer.ClrType == typeof(int) && whole is > int.MaxValue or < int.MinValue))
                {
                    Report(DiagnosticCatalogue.OutOfRange, node, $"{scalar.Value} is too large for {Noun(path)}", null);
                    return null;
                }

                return integer.ClrType == typeof(int) ? (object)(int)whole : whole;
            case NumberShape:
                if (scalar.Type is not (ScalarType.Int or ScalarType.Float))
                {
                    return WrongType(node, shape);
                }

                if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                {
                    Report(DiagnosticCatalogue.OutOfRange, node, $"{Noun(path)} must be a finite number, not {scalar.Value}", null);
                    return null;
                }

                return number;
            case EnumShape enumeration:
                return BindEnum(scalar, enumeration);
            case ParsedShape parsed:
                return BindParsed(scalar, parsed);
            default:
                throw new InvalidOperationException($"unhandled shape {shape}");
        }
    }

    private object? BindRecord(YamlNode node, RecordShape shape, string path, YamlNode owner)
    {
        if (shape.Shorthand is { } shorthand && node is YamlScalar { Type: ScalarType.String } text)
        {
            if (!Regex.IsMatch(text.Value, shorthand.Pattern, RegexOptions.CultureInvariant))
            {
                Report(shape.Type == typeof(PresetUse) ? DiagnosticCatalogue.InvalidPresetReference : DiagnosticCatalogue.InvalidFormat, node,
                    $"'{text.Value}' is not a valid {Noun(path)}", $"write it as {shorthand.Example}, or as a mapping");
                return null;
            }

            var location = file.Locate(node.Span);
            return ((SpecNode)shorthand.FromText.Invoke(null, [text.Value, location])!) with { Location = location };
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
                ReportUnknownField(entry.Key, shape.Fields.Select(f => f.YamlName).ToArray());
                continue;
            }

            if (entry.Value is YamlScalar { Type: ScalarType.Null } && field.Value is not RecordShapeRef)
            {
                continue; // 'field:' with nothing after it means the field is left out
            }

            present.Add(field);
            values[shape.Fields.IndexOf(field)] = BindField(entry, field, path + "." + field.YamlName);
        }

        CheckChoices(mapping, shape, present, owner);
        for (var i = 0; i < shape.Fields.Length; i++)
        {
            var field = shape.Fields[i];
            if (values[i] is not null || present.Contains(field))
            {
                continue;
            }

            if ((field.Required || (field.RequiredWith is { } with && present.Any(f => f.YamlName == with))) && !HasNearMiss(mapping, field.YamlName))
            {
                Report(DiagnosticCatalogue.MissingProperty, owner, $"{Noun(path)} has no '{field.YamlName}'", $"add '{field.YamlName}' ({Describe(field.Doc)})");
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

    private object? BindField(YamlEntry entry, FieldShape field, string path)
    {
        var node = entry.Value;
        var value = BindValue(node, field.Value, path, entry.Key);
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
            Report(DiagnosticCatalogue.InvalidFormat, node, $"'{scalarText}' is {scalarText!.Length} characters long", "names become Kubernetes names, which are at most 63 characters");
            return value;
        }

        if (value is Values.Duration { Value.Ticks: 0 } && !field.AllowZero)
        {
            Report(DiagnosticCatalogue.OutOfRange, node, $"{Noun(path)} must be longer than 0s", null);
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

    private void CheckChoices(YamlMapping mapping, RecordShape shape, List<FieldShape> present, YamlNode owner)
    {
        foreach (var (choice, exactly) in new[] { (shape.ExactlyOneOf, true), (shape.AtMostOneOf, false) })
        {
            if (choice.IsEmpty)
            {
                continue;
            }

            var options = string.Join(", ", choice);
            var set = present.Where(f => choice.Contains(f.YamlName)).ToArray();
            if (set.Length > 1)
            {
                Report(DiagnosticCatalogue.ExactlyOneOf, mapping.Find(set[1].YamlName)!.Key,
                    $"'{set[0].YamlName}' and '{set[1].YamlName}' are both set; set {(exactly ? "exactly" : "at most")} one of: {options}",
                    exactly ? $"keep one of them; to have both, declare two {Plural(shape.Type.Name)}" : "keep one of them");
            }
            else if (set.Length == 0 && exactly && !choice.Any(c => HasNearMiss(mapping, c)))
            {
                Report(DiagnosticCatalogue.ExactlyOneOf, owner, $"none of {options} is set; set exactly one",
                    $"e.g. '{choice[0]}: {{}}' and its settings");
            }
        }
    }

    /// <summary>"ExternalBackend" → "external backends", "BackendSpec" → "backends".</summary>
    private static string Plural(string typeName)
    {
        var noun = typeName.EndsWith("Spec", StringComparison.Ordinal) ? typeName[..^4] : typeName;
        return string.Concat(noun.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())) + "s";
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
            var value = BindValue(item, shape.Item, $"{path}[{i}]", item);
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
            if (BindValue(entry.Value, shape.Value, path + "." + entry.Key.Value, entry.Key) is { } value)
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
        if (parsed is Values.ByteSize { Bytes: 0 })
        {
            // A volume of nothing cannot be bound, and Prometheus reads a zero retention size as no limit at all.
            Report(DiagnosticCatalogue.InvalidSize, scalar, $"'{scalar.Value}' is zero bytes once rounded to whole bytes",
                "give at least 1B; to keep data without a size limit, leave the size out");
            return null;
        }

        if (parsed is not null)
        {
            return parsed;
        }

        var isDuration = shape.ClrType == typeof(Values.Duration);
        if (isDuration && System.Text.RegularExpressions.Regex.IsMatch(scalar.Value, Values.Duration.Pattern))
        {
            Report(DiagnosticCatalogue.InvalidDuration, scalar, $"'{scalar.Value}' is longer than Prometheus and Alertmanager can hold",
                $"durations end at about 292 years ({(long)Values.Duration.Longest.TotalDays}d); write a shorter one");
            return null;
        }

        var fix = isDuration ? ValueFixes.Duration(scalar.Value) : ValueFixes.Size(scalar.Value);
        Report(isDuration ? DiagnosticCatalogue.InvalidDuration : DiagnosticCatalogue.InvalidSize, scalar,
            $"'{scalar.Value}' is not a valid {(isDuration ? "duration" : "size")}",
            (fix is null ? string.Empty : $"did you mean '{fix}'? ") + (isDuration
                ? "write numbers with units y, w, d, h, m, s, ms, largest first, e.g. " + shape.Example
                : "write a number and a unit: B, KB, MB, GB, TB, PB (×1000), KiB…PiB or Ki…Pi (×1024), e.g. " + shape.Example));
        return null;
    }

    private object? WrongType(YamlNode node, ValueShape expected)
    {
        string? hint = null;
        if (expected is StringShape or ParsedShape or EnumShape or LocatedShape { Inner: StringShape } && node is YamlScalar { Type: not ScalarType.String and not ScalarType.Null } scalar)
        {
            hint = $"quote it to make it a string: \"{scalar.Value}\"";
        }
        else if (expected is IntegerShape or NumberShape && node is YamlScalar { Type: ScalarType.String, IsPlain: false } quoted
            && double.TryParse(quoted.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            hint = $"remove the quotes: {quoted.Value}";
        }
        else if (expected is RecordShapeRef && node is YamlScalar { Type: ScalarType.Bool, Value: "true" or "True" or "TRUE" })
        {
            hint = "write '{}' to switch it on with its defaults";
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

    private void ReportUnknownField(YamlScalar key, IReadOnlyCollection<string> known)
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
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Value-type spec fields are numbers, booleans and enums, boxed zeros of which need no constructor.")]
    private static object? Placeholder(FieldShape field) =>
        DefaultValue(field) ?? (field.Parameter.ParameterType.IsValueType ? Activator.CreateInstance(field.Parameter.ParameterType) : null);

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

    /// <summary>A field's doc as a parenthetical: "The query." → "the query".</summary>
    private static string Describe(string doc)
    {
        var text = doc.TrimEnd('.');
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static long? ParseInteger(string text)
    {
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('-', '+');
        var (body, radix) = digits.StartsWith("0x", StringComparison.Ordinal) ? (digits[2..], 16) : digits.StartsWith("0o", StringComparison.Ordinal) ? (digits[2..], 8) : (digits, 10);
        try
        {
            var value = radix == 10 ? long.Parse(body, NumberStyles.None, CultureInfo.InvariantCulture) : Convert.ToInt64(body, radix);
            return negative ? -value : value;
        }
        catch (Exception e) when (e is OverflowException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
