using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.Emit.OtelCollector;
using Telc.Output;

namespace Telc.Emit.FluentBit;

/// <summary>
/// Checks a fluent-bit.yaml the way Fluent Bit checks it when it starts, as far as its derived schema reaches: every
/// plugin exists in the pinned version and takes each property given, with a value of its type, repeated only where it
/// may repeat; the parsers and multiline parsers filters name are defined; filesystem buffers have a storage path; and,
/// beyond what Fluent Bit itself refuses, every input's records reach an output and every filter and output matches an
/// input, since records no output matches are dropped in silence.
/// </summary>
public static partial class FluentBitConfigChecker
{
    private static readonly string[] Sections = ["service", "parsers", "multiline_parsers", "pipeline"];
    private static readonly string[] BuiltInMultiline = ["cri", "docker", "go", "java", "python", "ruby"];

    public static IReadOnlyList<ConfigProblem> Check(OutMap root) => Check(root, FluentBitSchema.Pinned);

    public static IReadOnlyList<ConfigProblem> Check(OutMap root, FluentBitSchema schema)
    {
        var problems = new List<ConfigProblem>();
        void Add(string path, string message) => problems.Add(new ConfigProblem(path, message));

        foreach (var key in root.Entries.Select(e => e.Key).Where(k => !Sections.Contains(k)))
        {
            Add(key, $"unknown section{Suggestions.Aside(key, Sections)}");
        }

        var service = Find(root, "service") as OutMap;
        foreach (var (key, value) in service?.Entries ?? [])
        {
            CheckProperty($"service.{key}", key, value, schema.Service.GetValueOrDefault(key), schema.Service.Keys, Add);
        }

        var parsers = Entries(root, "parsers").ToArray();
        var multilineParsers = Entries(root, "multiline_parsers").ToArray();
        CheckDefinitions("parsers", parsers, schema.Parser, Add);
        CheckDefinitions("multiline_parsers", multilineParsers, schema.MultilineParser, Add);
        var parserNames = parsers.Select(p => Text(Find(p.Map, "name"))).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var multilineNames = multilineParsers.Select(p => Text(Find(p.Map, "name"))).OfType<string>().Concat(BuiltInMultiline).ToHashSet(StringComparer.Ordinal);

        var pipeline = Find(root, "pipeline") as OutMap;
        var tags = new List<(string Path, string Tag)>();
        var matches = new List<(string Path, string Pattern, string Kind)>();
        foreach (var kind in new[] { "input", "filter", "output" })
        {
            foreach (var (path, plugin) in Entries(pipeline, kind + "s").Select(e => ("pipeline." + e.Path, e.Map)))
            {
                var name = Text(Find(plugin, "name"));
                if (name is null || !schema.Plugins[kind].ContainsKey(name))
                {
                    Add($"{path}.name", $"Fluent Bit {schema.Version} has no {kind} plugin '{name}'{Suggestions.Aside(name ?? string.Empty, schema.Plugins[kind].Keys)}");
                    continue;
                }

                foreach (var (key, value) in plugin.Entries.Where(e => e.Key != "name"))
                {
                    var known = schema.Plugins[kind][name].Keys.Concat(schema.Common[kind].Keys);
                    CheckProperty($"{path}.{key}", key, value, schema.Find(kind, name, key), known, Add);
                }

                if (kind == "input" && Text(Find(plugin, "storage.type")) == "filesystem" && Text(Find(service ?? new OutMap([]), "storage.path")) is null)
                {
                    Add($"{path}.storage.type", "a filesystem buffer needs service.storage.path");
                }

                foreach (var parser in Strings(Find(plugin, "parser")).Where(p => name == "parser" && !parserNames.Contains(p)))
                {
                    Add($"{path}.parser", $"names the parser '{parser}', which parsers does not define");
                }

                foreach (var parser in Strings(Find(plugin, "multiline.parser")).Where(p => !multilineNames.Contains(p)))
                {
                    Add($"{path}.multiline.parser", $"names the multiline parser '{parser}', which is neither built in nor defined under multiline_parsers");
                }

                if (kind == "input" || (name == "log_to_metrics" && Text(Find(plugin, "tag")) is not null))
                {
                    tags.Add((path, Text(Find(plugin, "tag")) ?? name));
                }

                if (kind != "input")
                {
                    matches.Add((path, Text(Find(plugin, "match")) ?? string.Empty, kind));
                }
            }
        }

        foreach (var (path, tag) in tags.Where(t => !matches.Any(m => m.Kind == "output" && Overlaps(m.Pattern, t.Tag))))
        {
            Add(path, $"no output matches its tag '{tag}', so its records are dropped");
        }

        foreach (var (path, pattern, _) in matches.Where(m => !tags.Any(t => Overlaps(m.Pattern, t.Tag))))
        {
            Add($"{path}.match", $"'{pattern}' matches no input's tag");
        }

        return problems;
    }

    private static void CheckDefinitions(string section, IEnumerable<(string Path, OutMap Map)> definitions, IReadOnlyDictionary<string, FluentBitProperty> schema, Action<string, string> add)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, definition) in definitions)
        {
            if (Text(Find(definition, "name")) is not { } name || !names.Add(name))
            {
                add($"{path}.name", "a parser needs a name of its own");
            }

            foreach (var (key, value) in definition.Entries)
            {
                CheckProperty($"{path}.{key}", key, value, schema.GetValueOrDefault(key), schema.Keys, add);
            }
        }
    }

    private static void CheckProperty(string path, string key, OutNode value, FluentBitProperty? property, IEnumerable<string> known, Action<string, string> add)
    {
        if (property is null)
        {
            add(path, $"unknown property{Suggestions.Aside(key, known)}");
            return;
        }

        if (value is OutSeq list && property.Type != "list")
        {
            if (!property.Multiple)
            {
                add(path, "takes one value, not a list");
            }

            foreach (var item in list.Items)
            {
                CheckScalar(path, item, property, add);
            }

            return;
        }

        if (property.Type == "list")
        {
            if (value is not OutSeq)
            {
                add(path, "must be a list");
            }

            return;
        }

        CheckScalar(path, value, property, add);
    }

    private static void CheckScalar(string path, OutNode value, FluentBitProperty property, Action<string, string> add)
    {
        if (value is not OutScalar scalar)
        {
            add(path, "must be a single value");
            return;
        }

        var text = scalar.Text;
        var valid = property.Type switch
        {
            "bool" => scalar.Kind == OutScalarKind.Bool || text is "on" or "off" or "true" or "false",
            "int" => scalar.Kind == OutScalarKind.Number && long.TryParse(text, out _),
            "double" => scalar.Kind == OutScalarKind.Number,
            "size" => scalar.Kind == OutScalarKind.Number || Size().IsMatch(text),
            "time" => scalar.Kind == OutScalarKind.Number || Time().IsMatch(text),
            _ => scalar.Kind is OutScalarKind.String or OutScalarKind.Number,
        };
        if (!valid)
        {
            add(path, $"'{text}' is not a {property.Type} value");
        }
        else if (property.Values.Count > 0 && !property.Values.Contains(text))
        {
            add(path, $"'{text}' is not one of {string.Join(", ", property.Values)}");
        }
    }

    /// <summary>Whether a match pattern (with * wildcards) and a tag (with the * an input expands) can meet.</summary>
    private static bool Overlaps(string pattern, string tag) =>
        Regex.IsMatch(tag.Replace("*", "x", StringComparison.Ordinal), "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$")
        || Regex.IsMatch(pattern.Replace("*", "x", StringComparison.Ordinal), "^" + Regex.Escape(tag).Replace("\\*", ".*", StringComparison.Ordinal) + "$");

    private static IEnumerable<(string Path, OutMap Map)> Entries(OutMap? parent, string key) =>
        (parent is null ? null : Find(parent, key)) is OutSeq seq ? seq.Items.Select((item, i) => ($"{key}[{i}]", item as OutMap ?? new OutMap([]))) : [];

    private static OutNode? Find(OutMap map, string key) => map.Entries.FirstOrDefault(e => e.Key == key).Value;

    private static string? Text(OutNode? node) => node is OutScalar scalar ? scalar.Text : null;

    private static IEnumerable<string> Strings(OutNode? node) => node switch
    {
        OutSeq seq => seq.Items.OfType<OutScalar>().SelectMany(s => s.Text.Split(',', StringSplitOptions.TrimEntries)),
        OutScalar scalar => scalar.Text.Split(',', StringSplitOptions.TrimEntries),
        _ => [],
    };

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?([KkMmGg][Bb]?)?$")]
    private static partial Regex Size();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(ms|s|m|h|d)?$")]
    private static partial Regex Time();
}
