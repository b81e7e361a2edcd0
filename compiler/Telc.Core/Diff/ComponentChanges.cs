using Telc.Parsing;

namespace Telc.Diff;

/// <summary>Workloads (Prometheus, Alertmanager, node agents) added or removed, and their images and replica counts.</summary>
public static class ComponentChanges
{
    private static readonly string[] WorkloadKinds = ["StatefulSet", "Deployment", "DaemonSet"];

    public static void Compare(IEnumerable<ManifestObject> before, IEnumerable<ManifestObject> after, bool production, ChangeList changes)
    {
        var old = Workloads(before);
        var current = Workloads(after);
        var replaced = Replacements(old, current);
        changes.Match(old, current,
            (name, _) =>
            {
                if (!replaced.ContainsValue(name))
                {
                    changes.Add(ChangeArea.Component, name, ChangeKind.Added, "added", Risk.Low);
                }
            },
            (name, workload) =>
            {
                if (replaced.TryGetValue(name, out var successor))
                {
                    // A renamed backend: the new workload starts without the old one's volume (TSDB, silences).
                    var losesData = Component(workload) == "prometheus" && production;
                    changes.Add(ChangeArea.Component, name, ChangeKind.Changed, $"replaced by {successor}: it starts with empty storage", losesData ? Risk.High : Risk.Medium);
                }
                else
                {
                    changes.Add(ChangeArea.Component, name, ChangeKind.Removed, "removed: it is deleted from the cluster", Risk.High);
                }
            },
            (name, was, now) =>
            {
                var oldImages = Images(was);
                var newImages = Images(now);
                foreach (var (container, image) in newImages.Where(i => oldImages.TryGetValue(i.Key, out var was) && was != i.Value))
                {
                    changes.Add(ChangeArea.Component, name, ChangeKind.Changed, $"{container} image {oldImages[container]} → {image}", Risk.Low);
                }

                var (wasReplicas, nowReplicas) = (ManifestReader.Scalar(was.Root, "spec", "replicas"), ManifestReader.Scalar(now.Root, "spec", "replicas"));
                if (wasReplicas != nowReplicas && int.TryParse(wasReplicas, out var wasCount) && int.TryParse(nowReplicas, out var nowCount))
                {
                    var fewer = nowCount < wasCount;
                    changes.Add(ChangeArea.Component, name, ChangeKind.Changed, $"replicas {wasCount} → {nowCount}",
                        fewer && (production || nowCount < 2) ? Risk.Medium : Risk.Low);
                }
            });
    }

    /// <summary>Removed workloads paired with an added one of the same kind and component (app.kubernetes.io/name).</summary>
    private static Dictionary<string, string> Replacements(Dictionary<string, ManifestObject> before, Dictionary<string, ManifestObject> after)
    {
        var added = after.Where(a => !before.ContainsKey(a.Key)).ToList();
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, workload) in before.Where(b => !after.ContainsKey(b.Key)).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var successor = added.FirstOrDefault(a => a.Value.Identity.Kind == workload.Identity.Kind && Component(a.Value) == Component(workload) && Component(workload) is not null);
            if (successor.Key is not null)
            {
                replacements[name] = successor.Key;
                added.Remove(successor);
            }
        }

        return replacements;
    }

    private static string? Component(ManifestObject workload) => ManifestReader.Scalar(workload.Root, "metadata", "labels", "app.kubernetes.io/name");

    private static Dictionary<string, ManifestObject> Workloads(IEnumerable<ManifestObject> objects) =>
        objects.Where(o => WorkloadKinds.Contains(o.Identity.Kind)).ToDictionary(o => o.Identity.Display, StringComparer.Ordinal);

    private static Dictionary<string, string> Images(ManifestObject workload)
    {
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        var podSpec = (workload.Root.Find("spec")?.Value as YamlMapping)?.Find("template")?.Value is YamlMapping template ? (template.Find("spec")?.Value as YamlMapping) : null;
        foreach (var list in new[] { "initContainers", "containers" })
        {
            if (podSpec?.Find(list)?.Value is YamlSequence containers)
            {
                foreach (var container in containers.Items)
                {
                    if (ManifestReader.Scalar(container, "name") is { } name && ManifestReader.Scalar(container, "image") is { } image)
                    {
                        images[name] = image;
                    }
                }
            }
        }

        return images;
    }
}
