using System.Collections.Immutable;
using Telc.Emit;
using Telc.Model;

namespace Telc.Diff;

/// <summary>Compares two rendered sides: objects by identity and field, and the telemetry summary cluster by cluster.</summary>
public static class SpecDiffer
{
    private const string ProvenanceAnnotation = "metadata.annotations[\"telc.io/source\"]";

    public static DiffReport Compare(DiffSide before, DiffSide after)
    {
        if (before.Failed || after.Failed)
        {
            return new DiffReport(before, after, []);
        }

        var oldPlans = Plans(before);
        var newPlans = Plans(after);
        var (oldFiles, newFiles) = DifferentFiles(before, after);
        var parsed = new Dictionary<string, IReadOnlyList<Parsing.YamlDocument>>(StringComparer.Ordinal);
        var oldObjects = ManifestReader.Read(oldFiles, parsed).ToLookup(o => o.Identity.Cluster);
        var newObjects = ManifestReader.Read(newFiles, parsed).ToLookup(o => o.Identity.Cluster);
        var compared = new Dictionary<(object?, object?), ImmutableArray<FieldChange>>(PairOfReferences.Instance);
        var clusters = new[] { string.Empty }.Concat(oldObjects.Select(g => g.Key)).Concat(newObjects.Select(g => g.Key)).Concat(oldPlans.Keys).Concat(newPlans.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        var result = ImmutableArray.CreateBuilder<ClusterDiff>();
        foreach (var name in clusters)
        {
            var oldPlan = oldPlans.GetValueOrDefault(name);
            var newPlan = newPlans.GetValueOrDefault(name);
            var changes = new ChangeList(name);
            if (name.Length == 0)
            {
                SpecChanges.Compare(before.Compilation?.Model, after.Compilation?.Model, changes);
            }
            else
            {
                ClusterChanges(oldPlan, newPlan, oldObjects[name], newObjects[name], changes);
            }

            var objects = Objects(oldObjects[name], newObjects[name], compared);
            if (name.Length == 0)
            {
                GitOpsChanges.Compare(objects, changes);
            }

            if (changes.Changes.Count > 0 || objects.Length > 0)
            {
                result.Add(new ClusterDiff(name, newPlan?.Environment ?? oldPlan?.Environment, [.. changes.Changes], objects));
            }
        }

        return new DiffReport(before, after, result.ToImmutable());
    }

    /// <summary>
    /// The files that are not byte-identical at the same path on both sides: the only ones whose objects can differ,
    /// and on a large spec a small part of the hundreds of megabytes rendered.
    /// </summary>
    private static (IEnumerable<OutputFile> Before, IEnumerable<OutputFile> After) DifferentFiles(DiffSide before, DiffSide after)
    {
        var old = (before.Rendered?.Files ?? []).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        var current = (after.Rendered?.Files ?? []).ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        bool Same(OutputFile file, Dictionary<string, string> other) => other.TryGetValue(file.Path, out var content) && content == file.Content;
        return ((before.Rendered?.Files ?? []).Where(f => !Same(f, current)), (after.Rendered?.Files ?? []).Where(f => !Same(f, old)));
    }

    private static void ClusterChanges(ClusterPlan? before, ClusterPlan? after, IEnumerable<ManifestObject> oldObjects, IEnumerable<ManifestObject> newObjects, ChangeList changes)
    {
        if (before is null || after is null)
        {
            var plan = (after ?? before)!;
            changes.Add(ChangeArea.Cluster, plan.Name, before is null ? ChangeKind.Added : ChangeKind.Removed,
                before is null ? $"added ({plan.Environment}, {plan.Platform.ToString().ToLowerInvariant()})" : "removed: every telemetry component in it is deleted",
                before is null ? Risk.Low : Risk.High);
            return;
        }

        if (before.Environment != after.Environment || before.Tier != after.Tier)
        {
            changes.Add(ChangeArea.Cluster, after.Name, ChangeKind.Changed,
                $"environment {Describe(before)} → {Describe(after)}: its policies and retention follow", Risk.Medium);
        }

        ComponentChanges.Compare(oldObjects, newObjects, after.Tier == Spec.Kinds.EnvironmentTier.Production, changes);
        PrometheusChanges.Compare(before, after, changes);
        LokiChanges.Compare(before, after, changes);
        TempoChanges.Compare(before, after, changes);
        JaegerChanges.Compare(before, after, changes);
        ZipkinChanges.Compare(before, after, changes);
        ElasticsearchChanges.Compare(before, after, changes);
        InfluxDbChanges.Compare(before, after, changes);
        KafkaChanges.Compare(before, after, changes);
        GrafanaChanges.Compare(before, after, changes);
        RuleChanges.Compare(before, after, changes);
        RoutingChanges.Compare(before, after, changes);
    }

    internal static ImmutableArray<ObjectDiff> Objects(IEnumerable<ManifestObject> before, IEnumerable<ManifestObject> after) =>
        Objects(before, after, new(PairOfReferences.Instance));

    /// <param name="compared">Field changes already computed for a pair of trees (shared by identical files of other clusters).</param>
    internal static ImmutableArray<ObjectDiff> Objects(
        IEnumerable<ManifestObject> before, IEnumerable<ManifestObject> after, Dictionary<(object?, object?), ImmutableArray<FieldChange>> compared)
    {
        var old = before.ToDictionary(o => o.Identity);
        var current = after.ToDictionary(o => o.Identity);
        var diffs = new List<ObjectDiff>();
        foreach (var identity in current.Keys.Union(old.Keys).Order())
        {
            var a = old.GetValueOrDefault(identity);
            var b = current.GetValueOrDefault(identity);
            var hidden = SecretValues.IsSecretObject(identity);
            if (!compared.TryGetValue((a?.Root, b?.Root), out var fields))
            {
                fields = compared[(a?.Root, b?.Root)] = TreeDiff.Compare(a?.Root, b?.Root, ignore: path => path == ProvenanceAnnotation || (hidden && SecretValues.IsSecretData(path)));
            }

            if (hidden)
            {
                fields = [.. fields, .. SecretDataChange(a, b)];
            }

            var kind = a is null ? ChangeKind.Added : b is null ? ChangeKind.Removed : ChangeKind.Changed;
            if (kind != ChangeKind.Changed || fields.Length > 0)
            {
                diffs.Add(new ObjectDiff(identity, (b ?? a)!.Path, kind, kind == ChangeKind.Changed ? fields : []));
            }
        }

        return [.. diffs];
    }

    /// <summary>For a Secret only the names of changed keys are shown, never a value or a hash of one.</summary>
    private static IEnumerable<FieldChange> SecretDataChange(ManifestObject? before, ManifestObject? after)
    {
        foreach (var section in SecretValues.DataSections)
        {
            var old = (before?.Root.Find(section)?.Value as Parsing.YamlMapping)?.Entries.ToDictionary(e => e.Key.Value, e => TreeDiff.Display(e.Value)) ?? [];
            var current = (after?.Root.Find(section)?.Value as Parsing.YamlMapping)?.Entries.ToDictionary(e => e.Key.Value, e => TreeDiff.Display(e.Value)) ?? [];
            foreach (var key in current.Keys.Union(old.Keys).Order(StringComparer.Ordinal))
            {
                var kind = !old.ContainsKey(key) ? ChangeKind.Added : !current.ContainsKey(key) ? ChangeKind.Removed : ChangeKind.Changed;
                if (kind != ChangeKind.Changed || old[key] != current[key])
                {
                    yield return new FieldChange($"{section}[\"{key}\"]", kind,
                        kind == ChangeKind.Added ? null : SecretValues.Hidden, kind == ChangeKind.Removed ? null : SecretValues.Hidden);
                }
            }
        }
    }

    private static Dictionary<string, ClusterPlan> Plans(DiffSide side) =>
        (side.Compilation?.Clusters ?? []).GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>Pairs of trees compared by reference: two records with equal contents would otherwise be compared deeply.</summary>
    private sealed class PairOfReferences : IEqualityComparer<(object?, object?)>
    {
        public static readonly PairOfReferences Instance = new();

        public bool Equals((object?, object?) x, (object?, object?) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((object?, object?) pair) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item2));
    }

    /// <summary>The environment's name, with its tier when the name does not say it: "live (production)".</summary>
    private static string Describe(ClusterPlan cluster) =>
        Spec.Kinds.EnvironmentDeclaration.WellKnownTier(cluster.Environment) == cluster.Tier
            ? cluster.Environment
            : $"{cluster.Environment} ({cluster.Tier.ToString().ToLowerInvariant()})";
}
