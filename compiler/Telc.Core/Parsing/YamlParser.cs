using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Telc.Parsing;

/// <summary>
/// Builds span-carrying syntax trees from YamlDotNet's event stream. It works with an explicit stack,
/// shares aliased nodes instead of copying them, and stops a document that grows past <see cref="YamlLimits"/>.
/// </summary>
public sealed class YamlParser
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";
    private const string MergeKey = "<<";

    private readonly SourceFile file;
    private readonly List<Diagnostic> diagnostics = [];
    private readonly List<YamlDocument> documents = [];
    private readonly Dictionary<string, (YamlNode Node, long Weight)> anchors = new(StringComparer.Ordinal);
    private readonly Stack<Frame> stack = new();
    private YamlNode? root;
    private ParsingEvent? lastEvent;
    private bool documentAborted;

    /// <summary>Set when reading on would cost more than the input is worth: YamlDotNet's scanner slows down with every open flow level.</summary>
    private bool fileAborted;

    private YamlParser(SourceFile file) => this.file = file;

    public static YamlParseResult Parse(SourceFile file)
    {
        var parser = new YamlParser(file);
        parser.Run();
        return new YamlParseResult(parser.documents, parser.diagnostics);
    }

    private void Run()
    {
        var events = new Parser(new Scanner(new StringReader(file.Text), skipComments: true));
        var sawContent = false;
        try
        {
            while (!fileAborted && events.MoveNext())
            {
                switch (events.Current)
                {
                    case DocumentStart:
                        anchors.Clear();
                        stack.Clear();
                        root = null;
                        documentAborted = false;
                        break;
                    case DocumentEnd:
                        if (root is YamlScalar { Type: ScalarType.Null, Value.Length: > 0 } written && !documentAborted)
                        {
                            // An empty document between '---' lines is common; one that says null on purpose is a mistake.
                            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.EmptyFile, file.Locate(written.Span),
                                $"this document is only '{written.Value}', so it declares nothing", "remove it, or write the document it stands for"));
                        }

                        if (root is not null && !documentAborted && !(root is YamlScalar { Type: ScalarType.Null }))
                        {
                            documents.Add(new YamlDocument(file, documents.Count, root));
                        }

                        break;
                    case StreamStart or StreamEnd:
                        break;
                    case var parsingEvent when !documentAborted:
                        sawContent = true;
                        lastEvent = parsingEvent;
                        Handle(parsingEvent!);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            diagnostics.Add(SyntaxError(e));
            return;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed flow collections instead of raising a YamlException.
            diagnostics.Add(ScannerFailure());
            return;
        }

        if (!sawContent && diagnostics.Count == 0)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.EmptyFile, file.Locate(new TextSpan(0, 0)),
                "the file is empty or holds only comments", "remove the file, or add a document with apiVersion and kind"));
        }
    }

    private void Handle(ParsingEvent parsingEvent)
    {
        switch (parsingEvent)
        {
            case Scalar scalar:
                Complete(ToScalar(scalar), 1, scalar.Anchor);
                break;
            case AnchorAlias alias:
                if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    Abort(DiagnosticCatalogue.YamlSyntax, Span(alias), $"alias *{alias.Value.Value} refers to no anchor defined before it");
                    return;
                }

                Complete(anchored.Node, anchored.Weight, AnchorName.Empty, Span(alias));
                break;
            case MappingStart mapping:
                CheckCollectionTag(mapping.Tag, "map", Span(mapping));
                Open(new Frame(isMapping: true, (int)mapping.Start.Index, mapping.Anchor, mapping.Style == MappingStyle.Flow));
                break;
            case SequenceStart sequence:
                CheckCollectionTag(sequence.Tag, "seq", Span(sequence));
                Open(new Frame(isMapping: false, (int)sequence.Start.Index, sequence.Anchor, sequence.Style == SequenceStyle.Flow));
                break;
            case MappingEnd or SequenceEnd:
                var frame = stack.Pop();
                Complete(frame.Build(), frame.Weight, frame.Anchor);
                break;
        }
    }

    private void Open(Frame frame)
    {
        if (stack.Count >= YamlLimits.MaxDepth)
        {
            // Stop reading the file here: scanning tens of thousands more open brackets takes time quadratic in their number.
            Abort(DiagnosticCatalogue.NestingTooDeep, new TextSpan(frame.Start, 1),
                $"mappings and lists are nested more than {YamlLimits.MaxDepth} levels deep",
                "flatten the structure; the rest of this file is skipped");
            fileAborted = true;
            return;
        }

        stack.Push(frame);
    }

    private void Complete(YamlNode node, long weight, AnchorName anchor, TextSpan? usedAt = null)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = (node, weight);
        }

        if (weight > YamlLimits.MaxExpandedNodes || (stack.Count > 0 && stack.Peek().Weight + weight > YamlLimits.MaxExpandedNodes))
        {
            Abort(DiagnosticCatalogue.AliasExpansionTooLarge, usedAt ?? node.Span,
                $"the document expands to more than {YamlLimits.MaxExpandedNodes:N0} nodes once aliases are followed",
                "remove the aliases that nest other aliases; a spec never needs this many values");
            return;
        }

        if (stack.Count == 0)
        {
            root = node;
            return;
        }

        var parent = stack.Peek();
        if (!parent.IsMapping)
        {
            parent.AddItem(node, weight);
        }
        else if (parent.PendingKey is null)
        {
            if (node is not YamlScalar key || usedAt is not null)
            {
                Abort(DiagnosticCatalogue.ComplexKey, usedAt ?? node.Span, "a mapping key must be a plain value, not a mapping, list or alias");
                return;
            }

            parent.PendingKey = key;
        }
        else
        {
            var key = parent.PendingKey;
            parent.PendingKey = null;
            if (parent.IsMergeKey(key))
            {
                if (parent.HasMerge)
                {
                    diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.DuplicateKey, file.Locate(key.Span),
                        "the merge key '<<' appears twice in this mapping", "merge several mappings with one key: <<: [*first, *second]"));
                }
                else if (node is not YamlMapping && !(node is YamlSequence list && list.Items.All(i => i is YamlMapping)))
                {
                    // YAML merges only mappings; anything else would be dropped without a word.
                    diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.YamlSyntax, file.Locate(usedAt ?? node.Span),
                        $"the merge key '<<' takes a mapping or a list of mappings, not {Described(node)}", "give an alias of a mapping, e.g. <<: *defaults"));
                }

                parent.AddMerge(node, weight);
            }
            else if (parent.TryAddEntry(new YamlEntry(key, node), weight) is { } first)
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.DuplicateKey, file.Locate(key.Span),
                    $"key '{key.Value}' appears twice in this mapping (first at {file.GetPosition(first.Start)})",
                    "YAML keeps only one of them; remove or rename the other"));
            }
        }
    }

    private static string Described(YamlNode node) => node switch
    {
        YamlSequence => "a list holding other things than mappings",
        YamlScalar scalar => $"{Article(scalar.Type)} value",
        _ => node.KindName,
    };

    private static string Article(ScalarType type)
    {
        var name = new YamlScalar(string.Empty, type, false, default).KindName;
        return $"{("aeiou".Contains(name[0]) ? "an" : "a")} {name}";
    }

    private YamlScalar ToScalar(Scalar scalar)
    {
        var span = Span(scalar);
        if (scalar.Tag.IsEmpty)
        {
            var isPlain = scalar.Style == ScalarStyle.Plain;
            return new YamlScalar(scalar.Value, isPlain ? ScalarResolver.Resolve(scalar.Value) : ScalarType.String, isPlain, span);
        }

        var tag = scalar.Tag.Value;
        var type = tag switch
        {
            "!" or CoreTagPrefix + "str" => ScalarType.String,
            CoreTagPrefix + "int" => ScalarType.Int,
            CoreTagPrefix + "float" => ScalarType.Float,
            CoreTagPrefix + "bool" => ScalarType.Bool,
            CoreTagPrefix + "null" => ScalarType.Null,
            _ => (ScalarType?)null,
        };
        if (type is null)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.UnsupportedTag, file.Locate(span),
                $"tag '{tag}' is not supported", "remove the tag; telc reads plain YAML values"));
            type = ScalarType.String;
        }
        else if (type != ScalarType.String && ScalarResolver.Resolve(scalar.Value) is var resolved
            && resolved != type && !(type == ScalarType.Float && resolved == ScalarType.Int))
        {
            // Another YAML reader would refuse the value, or read it differently: say so instead of trusting the tag.
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.UnsupportedTag, file.Locate(span),
                $"'{scalar.Value}' is not {Article(type.Value)}, as its tag '!!{tag[CoreTagPrefix.Length..]}' says", "remove the tag, or write a value of that type"));
            type = resolved;
        }

        return new YamlScalar(scalar.Value, type.Value, false, span);
    }

    private void CheckCollectionTag(TagName tag, string expected, TextSpan span)
    {
        if (!tag.IsEmpty && tag.Value != CoreTagPrefix + expected)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.UnsupportedTag, file.Locate(span),
                $"tag '{tag.Value}' is not supported", "remove the tag; telc reads plain YAML values"));
        }
    }

    private void Abort(DiagnosticDescriptor descriptor, TextSpan span, string message, string? hint = null)
    {
        diagnostics.Add(Diagnostic.At(descriptor, file.Locate(span), message, hint));
        documentAborted = true;
        stack.Clear();
        root = null;
    }

    private Diagnostic SyntaxError(YamlException e)
    {
        var offset = (int)Math.Min(e.Start.Index, file.Text.Length);
        var message = e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && close > 0)
        {
            message = message[(close + 3)..];
        }

        message = message.TrimEnd('.');
        var location = file.Locate(new TextSpan(offset, 0));

        // YamlDotNet reports a tab at the start of the enclosing mapping, or the line before it: find the tab itself.
        var mentionsTab = message.Contains("tab", StringComparison.OrdinalIgnoreCase);
        var lastLine = file.GetPosition(file.Text.Length).Line;
        var searchTo = mentionsTab ? lastLine : Math.Min(lastLine, location.Start.Line + 1);
        for (var line = location.Start.Line; line <= searchTo; line++)
        {
            var lineText = file.GetLineText(line);
            var indentation = lineText.Length - lineText.TrimStart(' ', '\t').Length;
            var tab = lineText.IndexOf('\t');
            if (tab >= 0 && tab < indentation && lineText.TrimStart(' ', '\t').Length > 0)
            {
                return Diagnostic.At(DiagnosticCatalogue.TabIndentation, file.Locate(new TextSpan(LineStart(line) + tab, 1)),
                    "a tab character is used for indentation", "YAML indentation must use spaces; replace the tab with spaces");
            }
        }

        (message, var hint) = message switch
        {
            _ when message.Contains("did not find expected key", StringComparison.Ordinal) =>
                ("this line does not fit the indentation of the lines around it", "keys of one mapping must start in the same column; check the spaces before it"),
            _ when message.Contains("double-quoted scalar", StringComparison.Ordinal) || message.Contains("single-quoted scalar", StringComparison.Ordinal) =>
                ("a quoted string is not closed", "add the closing quote"),
            _ when message.Contains("did not find expected ',' or ']'", StringComparison.Ordinal) => ("a '[' list is not closed", "close it with ']'"),
            _ when message.Contains("did not find expected ',' or '}'", StringComparison.Ordinal) => ("a '{' mapping is not closed", "close it with '}'"),
            _ when message.Contains("mapping values are not allowed in this context", StringComparison.Ordinal) =>
                ("a ': ' appears where a plain value was expected", "quote the value if it contains ': ', or put the nested mapping on its own indented line"),
            _ => (FirstLower(message), (string?)null),
        };

        return Diagnostic.At(DiagnosticCatalogue.YamlSyntax, location, message,
            (hint is null ? string.Empty : hint + "; ") + "the rest of this file is skipped until the YAML is fixed");
    }

    private Diagnostic ScannerFailure()
    {
        var openFlow = stack.Where(f => f.IsFlow).LastOrDefault();
        if (openFlow is not null)
        {
            var bracket = file.Text[openFlow.Start];
            return Diagnostic.At(DiagnosticCatalogue.YamlSyntax, file.Locate(new TextSpan(openFlow.Start, 1)),
                $"this '{bracket}' is not closed", $"close it with '{(bracket == '[' ? ']' : '}')}'; the rest of this file is skipped until the YAML is fixed");
        }

        var offset = lastEvent is null ? 0 : (int)lastEvent.End.Index;
        return Diagnostic.At(DiagnosticCatalogue.YamlSyntax, file.Locate(new TextSpan(offset, 0)),
            "the YAML cannot be read after this point", "look for an unclosed bracket or quote; the rest of this file is skipped until the YAML is fixed");
    }

    private int LineStart(int line)
    {
        var offset = 0;
        for (var current = 1; current < line; current++)
        {
            while (offset < file.Text.Length && file.Text[offset] is not '\n' and not '\r')
            {
                offset++;
            }

            offset += offset + 1 < file.Text.Length && file.Text[offset] == '\r' && file.Text[offset + 1] == '\n' ? 2 : 1;
        }

        return Math.Min(offset, file.Text.Length);
    }

    private static string FirstLower(string text) =>
        text.Length > 0 && char.IsUpper(text[0]) && (text.Length == 1 || !char.IsUpper(text[1])) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static TextSpan Span(ParsingEvent e) => TextSpan.FromBounds((int)e.Start.Index, (int)e.End.Index);

    /// <summary>A mapping or list being built.</summary>
    private sealed class Frame(bool isMapping, int start, AnchorName anchor, bool isFlow)
    {
        private readonly List<YamlEntry> entries = [];
        private readonly List<YamlNode> items = [];
        private readonly List<YamlNode> merges = [];
        // Most mappings hold a handful of keys: those are found by a scan, and an index is built only for larger ones.
        private const int IndexedFrom = 8;
        private Dictionary<string, TextSpan>? keys;
        private int end = start;

        public bool IsMapping { get; } = isMapping;

        public bool IsFlow { get; } = isFlow;

        public int Start { get; } = start;

        public AnchorName Anchor { get; } = anchor;

        public long Weight { get; private set; } = 1;

        public YamlScalar? PendingKey { get; set; }

        public bool IsMergeKey(YamlScalar key) => key.IsPlain && key.Value == MergeKey;

        public bool HasMerge => merges.Count > 0;

        public void AddItem(YamlNode node, long weight)
        {
            items.Add(node);
            Grow(node, weight);
        }

        public void AddMerge(YamlNode node, long weight)
        {
            merges.Add(node);
            Grow(node, weight);
        }

        /// <summary>Adds the entry, or returns the span of the earlier key with the same name.</summary>
        public TextSpan? TryAddEntry(YamlEntry entry, long weight)
        {
            if (Find(entry.Key.Value) is { } first)
            {
                return first;
            }

            entries.Add(entry);
            if (keys is not null)
            {
                keys.Add(entry.Key.Value, entry.Key.Span);
            }
            else if (entries.Count >= IndexedFrom)
            {
                keys = entries.ToDictionary(e => e.Key.Value, e => e.Key.Span, StringComparer.Ordinal);
            }

            Grow(entry.Value, weight + 1);
            return null;
        }

        public YamlNode Build()
        {
            var span = TextSpan.FromBounds(Start, end);
            if (!IsMapping)
            {
                return new YamlSequence([.. items], span);
            }

            // Explicit keys win over merged ones; earlier merge sources win over later ones. Merged mappings may be
            // large, so their keys are always looked up in an index.
            if (merges.Count > 0)
            {
                keys ??= entries.ToDictionary(e => e.Key.Value, e => e.Key.Span, StringComparer.Ordinal);
            }

            foreach (var source in merges.SelectMany(m => m is YamlSequence s ? s.Items : [m]).OfType<YamlMapping>())
            {
                foreach (var entry in source.Entries.Where(e => Find(e.Key.Value) is null))
                {
                    entries.Add(entry);
                    keys!.Add(entry.Key.Value, entry.Key.Span);
                }
            }

            return new YamlMapping([.. entries], span);
        }

        private TextSpan? Find(string key)
        {
            if (keys is not null)
            {
                return keys.TryGetValue(key, out var span) ? span : null;
            }

            foreach (var entry in entries)
            {
                if (entry.Key.Value == key)
                {
                    return entry.Key.Span;
                }
            }

            return null;
        }

        private void Grow(YamlNode node, long weight)
        {
            Weight = Math.Min(Weight + weight, long.MaxValue / 2);
            end = Math.Max(end, node.Span.End);
        }
    }
}
