using Telc.Emit.Kubernetes;
using Telc.Output;
using Telc.Parsing;
using Telc.Text;

namespace Telc.Tests.Support;

/// <summary>Rendered collector configs, read back as the collector would read them.</summary>
public static class CollectorConfigs
{
    /// <summary>The collector.yaml of the agent or gateway ConfigMap of a compilation's only cluster, parsed from its text.</summary>
    public static OutMap Of(Compilation compilation, string collector)
    {
        var map = compilation.Objects.Select(o => o.Object).OfType<ConfigMap>().Single(c => c.Metadata.Name == collector);
        return Parse(map.Data["collector.yaml"]);
    }

    public static OutMap Parse(string yaml) =>
        (OutMap)ToOutNode(YamlParser.Parse(new SourceFile("collector.yaml", "collector.yaml", yaml)).Documents.Single().Root);

    /// <summary>YAML as the collector decodes it: a quoted scalar is a string, a plain one has the type its text says.</summary>
    public static OutNode ToOutNode(YamlNode node) => node switch
    {
        YamlMapping mapping => new OutMap([.. mapping.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToOutNode(e.Value)))]),
        YamlSequence sequence => new OutSeq([.. sequence.Items.Select(ToOutNode)]),
        YamlScalar { Type: ScalarType.Null } s => new OutScalar(s.Value, OutScalarKind.Null),
        YamlScalar { Type: ScalarType.Bool } s => new OutScalar(s.Value, OutScalarKind.Bool),
        YamlScalar { Type: ScalarType.Int or ScalarType.Float } s => new OutScalar(s.Value, OutScalarKind.Number),
        YamlScalar s => OutScalar.String(s.Value),
        _ => throw new InvalidOperationException($"unexpected YAML node {node}"),
    };

    /// <summary>The node at a dotted path (keys may hold slashes, not dots).</summary>
    public static OutNode? At(OutNode root, string path) =>
        path.Split('.').Aggregate((OutNode?)root, (node, key) => node is OutMap map ? map.Entries.FirstOrDefault(e => e.Key == key).Value : null);

    /// <summary>A copy of the tree with the value at the dotted path replaced (null removes the entry).</summary>
    public static OutMap With(OutMap root, string path, OutNode? value)
    {
        var keys = path.Split('.', 2);
        var entries = root.Entries.ToList();
        var index = entries.FindIndex(e => e.Key == keys[0]);
        OutNode? replacement = keys.Length == 1 ? value : With(index >= 0 ? (OutMap)entries[index].Value : new OutMap([]), keys[1], value);
        if (index >= 0)
        {
            entries.RemoveAt(index);
        }

        if (replacement is not null)
        {
            entries.Insert(index >= 0 ? index : entries.Count, KeyValuePair.Create(keys[0], replacement));
        }

        return new OutMap([.. entries]);
    }

    public static OutSeq Strings(params string[] items) => new([.. items.Select(OutScalar.String)]);
}
