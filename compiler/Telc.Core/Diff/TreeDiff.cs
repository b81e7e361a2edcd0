using System.Collections.Immutable;
using System.Text;
using Telc.Parsing;
using Telc.Text;

namespace Telc.Diff;

/// <summary>
/// Compares two YAML trees field by field. Lists of named items (containers, scrape jobs, rule groups, rules,
/// receivers) are matched by name rather than position, and config files embedded as strings (a ConfigMap's
/// <c>prometheus.yml</c>) are compared by their own structure, so a changed threshold is one line, not a changed file.
/// </summary>
public sealed class TreeDiff
{
    private const string EmbeddedSeparator = " › ";
    private const int DisplayLimit = 240;
    private const int ScalarLimit = 4000;

    private static readonly string[][] IdentityKeys = [["name"], ["job_name"], ["alert", "record"], ["mountPath"], ["containerPort"], ["port"]];
    private static readonly string[] EmbeddedExtensions = [".yml", ".yaml", ".json"];

    private readonly List<FieldChange> changes = [];

    private TreeDiff()
    {
    }

    /// <param name="ignore">Paths not worth showing, such as provenance annotations.</param>
    public static ImmutableArray<FieldChange> Compare(YamlNode? before, YamlNode? after, Func<string, bool>? ignore = null)
    {
        var diff = new TreeDiff();
        diff.Visit(before, after, string.Empty, hidden: false, ignore ?? (_ => false));
        return [.. diff.changes];
    }

    /// <summary>A one-line display of a value: the scalar itself, or a flow-style rendering cut at a readable length.</summary>
    public static string Display(YamlNode node)
    {
        if (node is YamlScalar scalar)
        {
            return scalar.Value.Length > ScalarLimit ? scalar.Value[..ScalarLimit] + " …" : scalar.Value;
        }

        var text = new StringBuilder();
        Flow(node, text);
        return text.Length > DisplayLimit ? text.ToString(0, DisplayLimit) + " …" : text.ToString();
    }

    private void Visit(YamlNode? before, YamlNode? after, string path, bool hidden, Func<string, bool> ignore)
    {
        if (ignore(path))
        {
            return;
        }

        switch (before, after)
        {
            case (null, null):
                return;
            case (null, { } added):
                changes.Add(new FieldChange(path, ChangeKind.Added, null, Show(added, hidden)));
                return;
            case ({ } removed, null):
                changes.Add(new FieldChange(path, ChangeKind.Removed, Show(removed, hidden), null));
                return;
            case (YamlMapping a, YamlMapping b):
                VisitMappings(a, b, path, hidden, ignore);
                return;
            case (YamlSequence a, YamlSequence b):
                VisitSequences(a, b, path, hidden, ignore);
                return;
            case (YamlScalar a, YamlScalar b) when a.Value == b.Value:
                return;
            case (YamlScalar a, YamlScalar b) when !hidden && Embedded(path, a, b) is var (parsedBefore, parsedAfter):
                Visit(parsedBefore, parsedAfter, path + EmbeddedSeparator, hidden, ignore);
                return;
            default:
                changes.Add(new FieldChange(path, ChangeKind.Changed, Show(before!, hidden), Show(after!, hidden)));
                return;
        }
    }

    private void VisitMappings(YamlMapping before, YamlMapping after, string path, bool hidden, Func<string, bool> ignore)
    {
        foreach (var entry in after.Entries)
        {
            var key = entry.Key.Value;
            Visit(before.Find(key)?.Value, entry.Value, Child(path, key), hidden || IsCredential(key, entry.Value), ignore);
        }

        foreach (var entry in before.Entries.Where(e => after.Find(e.Key.Value) is null))
        {
            Visit(entry.Value, null, Child(path, entry.Key.Value), hidden || IsCredential(entry.Key.Value, entry.Value), ignore);
        }
    }

    private void VisitSequences(YamlSequence before, YamlSequence after, string path, bool hidden, Func<string, bool> ignore)
    {
        if (Identities(before, after) is var (oldIds, newIds))
        {
            var old = oldIds.Zip(before.Items).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            var current = newIds.ToHashSet(StringComparer.Ordinal);
            foreach (var (id, item) in newIds.Zip(after.Items))
            {
                Visit(old.GetValueOrDefault(id), item, $"{path}[{id}]", hidden, ignore);
            }

            foreach (var (id, item) in old.Where(o => !current.Contains(o.Key)))
            {
                Visit(item, null, $"{path}[{id}]", hidden, ignore);
            }

            return;
        }

        if (DistinctScalars(before) is { } oldSet && DistinctScalars(after) is { } newSet)
        {
            // Arguments and label lists: what matters is which values are there.
            foreach (var item in after.Items.Cast<YamlScalar>().Where(i => !oldSet.Contains(i.Value)))
            {
                changes.Add(new FieldChange(path + "[]", ChangeKind.Added, null, Show(item, hidden)));
            }

            foreach (var item in before.Items.Cast<YamlScalar>().Where(i => !newSet.Contains(i.Value)))
            {
                changes.Add(new FieldChange(path + "[]", ChangeKind.Removed, Show(item, hidden), null));
            }

            return;
        }

        for (var i = 0; i < Math.Max(before.Items.Length, after.Items.Length); i++)
        {
            Visit(i < before.Items.Length ? before.Items[i] : null, i < after.Items.Length ? after.Items[i] : null, $"{path}[{i}]", hidden, ignore);
        }
    }

    /// <summary>
    /// Names for the items of two lists of mappings, <c>name=x</c> or <c>alert=y</c>, from the first group of identity
    /// keys every item has; a name seen twice gets its occurrence (<c>alert=y#2</c>). Null when no group fits.
    /// </summary>
    private static (string[] Before, string[] After)? Identities(YamlSequence before, YamlSequence after)
    {
        if (before.Items.Concat(after.Items).Any(i => i is not YamlMapping) || (before.Items.IsEmpty && after.Items.IsEmpty))
        {
            return null;
        }

        foreach (var keys in IdentityKeys)
        {
            if (Names(before, keys) is { } a && Names(after, keys) is { } b)
            {
                return (a, b);
            }
        }

        return null;
    }

    private static string[]? Names(YamlSequence sequence, string[] keys)
    {
        var names = new string[sequence.Items.Length];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var key = keys.FirstOrDefault(k => ManifestReader.Scalar(sequence.Items[i], k) is not null);
            if (key is null)
            {
                return null;
            }

            var name = $"{key}={ManifestReader.Scalar(sequence.Items[i], key)}";
            var occurrence = seen[name] = seen.GetValueOrDefault(name) + 1;
            names[i] = occurrence == 1 ? name : $"{name}#{occurrence}";
        }

        return names;
    }

    private static HashSet<string>? DistinctScalars(YamlSequence sequence)
    {
        if (!sequence.Items.All(i => i is YamlScalar))
        {
            return null;
        }

        var values = sequence.Items.Cast<YamlScalar>().Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
        return values.Count == sequence.Items.Length ? values : null;
    }

    /// <summary>Both sides of a config file kept as a string, parsed, when the key names a YAML or JSON file and both parse cleanly.</summary>
    private static (YamlNode Before, YamlNode After)? Embedded(string path, YamlScalar before, YamlScalar after)
    {
        if (!EmbeddedExtensions.Any(e => path.EndsWith(e + "\"]", StringComparison.Ordinal)))
        {
            return null;
        }

        return ParseEmbedded(path, before.Value) is { } a && ParseEmbedded(path, after.Value) is { } b ? (a, b) : null;
    }

    private static YamlNode? ParseEmbedded(string path, string text)
    {
        var parsed = YamlParser.Parse(new SourceFile(path, path, text));
        return parsed.Diagnostics.Count == 0 && parsed.Documents.Count == 1 && parsed.Documents[0].Root is YamlMapping or YamlSequence
            ? parsed.Documents[0].Root
            : null;
    }

    /// <summary>
    /// A value under a credential-like name (a flag such as automountServiceAccountToken: false is no secret), or a
    /// smarthost with user info, as a tree rendered before telc refused one may hold.
    /// </summary>
    private static bool IsCredential(string key, YamlNode value) => value is YamlScalar { Type: not (ScalarType.Null or ScalarType.Bool) } scalar
        && (Credentials.IsSecretKey(key) || (key == "smarthost" && scalar.Value.Contains('@', StringComparison.Ordinal)));

    private static string Show(YamlNode node, bool hidden) => hidden ? SecretValues.Hidden : Credentials.Hide(Display(node));

    private static string Child(string path, string key)
    {
        var plain = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && !char.IsAsciiDigit(key[0]);
        if (!plain)
        {
            return $"{path}[\"{key}\"]";
        }

        return path.Length == 0 || path.EndsWith(EmbeddedSeparator, StringComparison.Ordinal) ? path + key : $"{path}.{key}";
    }

    private static void Flow(YamlNode node, StringBuilder text)
    {
        switch (node)
        {
            case YamlScalar scalar:
                text.Append(scalar.Value);
                break;
            case YamlMapping mapping:
                text.Append('{');
                for (var i = 0; i < mapping.Entries.Length && text.Length <= DisplayLimit; i++)
                {
                    text.Append(i == 0 ? " " : ", ").Append(mapping.Entries[i].Key.Value).Append(": ");
                    if (IsCredential(mapping.Entries[i].Key.Value, mapping.Entries[i].Value))
                    {
                        text.Append(SecretValues.Hidden);
                    }
                    else
                    {
                        Flow(mapping.Entries[i].Value, text);
                    }
                }

                text.Append(mapping.Entries.Length == 0 ? "}" : " }");
                break;
            case YamlSequence sequence:
                text.Append('[');
                for (var i = 0; i < sequence.Items.Length && text.Length <= DisplayLimit; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    Flow(sequence.Items[i], text);
                }

                text.Append(']');
                break;
        }
    }
}
