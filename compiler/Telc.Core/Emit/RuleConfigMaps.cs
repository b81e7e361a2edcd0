using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Model;

namespace Telc.Emit;

/// <summary>
/// The rule files a ruler loads (Prometheus, Loki), one per AlertGroup, packed into ConfigMaps below the size
/// Kubernetes accepts; a single group too large for one ConfigMap is an error at the group.
/// </summary>
public static class RuleConfigMaps
{
    /// <summary>Kubernetes refuses ConfigMaps over 1 MiB; rule files are spread over ConfigMaps below this.</summary>
    public const int MaxBytes = 900 * 1024;

    /// <summary>
    /// A group's rule file and its size in bytes, written once per render: the file is the same in every cluster whose
    /// ruler evaluates the group.
    /// </summary>
    public static (string Text, int Bytes) File(RenderCache cache, RuleGroupPlan group) =>
        cache.Get("rule-file", Key(group), () =>
        {
            var text = Output.CanonicalYamlWriter.Write(Prometheus.PrometheusConfigBuilder.Rules(group));
            return (text, System.Text.Encoding.UTF8.GetByteCount(text));
        });

    /// <summary>What a group's rule file depends on: its document (and the expansion of a preset's).</summary>
    public static string Key(RuleGroupPlan group) => group.Group.SourceKey;

    /// <summary>Files in name order (rule files, dashboards), in as few ConfigMaps named NAME-rules (or NAME-rules-N) as they fit in.</summary>
    public static List<(string Name, ImmutableSortedDictionary<string, string> Data)> Pack(
        string name, ImmutableSortedDictionary<string, string> rules, ImmutableSortedDictionary<string, int> sizes, string suffix = "rules")
    {
        var chunks = new List<ImmutableSortedDictionary<string, string>>();
        var current = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
        var size = 0;
        foreach (var (file, text) in rules)
        {
            var bytes = sizes[file] + file.Length;
            if (!current.IsEmpty && size + bytes > MaxBytes)
            {
                chunks.Add(current);
                current = current.Clear();
                size = 0;
            }

            current = current.Add(file, text);
            size += bytes;
        }

        chunks.Add(current);
        return chunks.Count == 1
            ? [($"{name}-{suffix}", chunks[0])]
            : [.. chunks.Select((chunk, i) => ($"{name}-{suffix}-{i}", chunk))];
    }

    public static void ReportOversized(IEnumerable<RuleGroupPlan> groups, ImmutableSortedDictionary<string, int> sizes, ICollection<Diagnostic> diagnostics)
    {
        foreach (var group in groups.Where(g => sizes[g.FileName] > MaxBytes))
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.ConfigMapTooLarge, group.Group.Location,
                $"the rules of AlertGroup '{group.Group.Name}' render to more than {MaxBytes / 1024} KiB, more than one ConfigMap holds",
                "split the rules into several AlertGroups"));
        }
    }
}
