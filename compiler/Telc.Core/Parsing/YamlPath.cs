namespace Telc.Parsing;

/// <summary>Finds what a document writes at a path from its root: dotted keys, and [n] for list items (spec.rules[2].for).</summary>
public static class YamlPath
{
    /// <summary>The value at the path and the key it is written under (null for a list item); null when the document does not write it.</summary>
    public static (YamlScalar? Key, YamlNode Value)? Find(YamlNode root, string path)
    {
        YamlScalar? key = null;
        var node = root;
        foreach (var step in path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (step.StartsWith('[') && node is YamlSequence list && int.TryParse(step[1..^1], out var index) && index >= 0 && index < list.Items.Length)
            {
                (key, node) = (null, list.Items[index]);
            }
            else if (node is YamlMapping map && map.Find(step) is { } entry)
            {
                (key, node) = (entry.Key, entry.Value);
            }
            else
            {
                return null;
            }
        }

        return (key, node);
    }
}
