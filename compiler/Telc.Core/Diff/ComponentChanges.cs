using Telc.Parsing;

namespace Telc.Diff;

/// <summary>Workloads (Prometheus, Alertmanager, node agents) added or removed, and their images and replica counts.</summary>
public static class ComponentChanges
{
    private static readonly string[] WorkloadKinds = ["StatefulSet", "Deployment", "DaemonSet"];

    public static void Compare(IEnumerable<ManifestObject> before, IEnumerable<ManifestObject> after, bool production, ChangeList changes)
    {
        changes.Match(Workloads(before), Workloads(after),
            (name, _) => changes.Add(ChangeArea.Component, name, ChangeKind.Added, "added", Risk.Low),
            (name, _) => changes.Add(ChangeArea.Component, name, ChangeKind.Removed, "removed: it is deleted from the cluster", Risk.High),
            (name, old, current) =>
            {
                var oldImages = Images(old);
                var newImages = Images(current);
                foreach (var (container, image) in newImages.Where(i => oldImages.TryGetValue(i.Key, out var was) && was != i.Value))
                {
                    changes.Add(ChangeArea.Component, name, ChangeKind.Changed, $"{container} image {oldImages[container]} → {image}", Risk.Low);
                }

                var (was, now) = (ManifestReader.Scalar(old.Root, "spec", "replicas"), ManifestReader.Scalar(current.Root, "spec", "replicas"));
                if (was != now && int.TryParse(was, out var wasCount) && int.TryParse(now, out var nowCount))
                {
                    var fewer = nowCount < wasCount;
                    changes.Add(ChangeArea.Component, name, ChangeKind.Changed, $"replicas {wasCount} → {nowCount}",
                        fewer && (production || nowCount < 2) ? Risk.Medium : Risk.Low);
                }
            });
    }

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
