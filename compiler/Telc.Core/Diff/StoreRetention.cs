using System.Collections.Immutable;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Values;

namespace Telc.Diff;

/// <summary>How long, and how much, a store keeps what it holds: shortening or shrinking it deletes data for good.</summary>
public static class StoreRetention
{
    /// <summary>Each store of one kind a cluster runs before and after (paired by object name, else the only one), compared.</summary>
    /// <param name="data">What is kept, in the plural: logs, traces.</param>
    /// <param name="whenShorter">What a shorter retention does, when not that older data are deleted.</param>
    public static void CompareEach<TStore>(
        ClusterPlan? before, ClusterPlan? after, Func<StoresPlan, ImmutableArray<TStore>> stores, Func<TStore, Resource> backend, Func<TStore, string> objectName,
        Func<TStore, Duration?> retention, string data, ChangeList changes, string? whenShorter = null)
        where TStore : class
    {
        var production = (after ?? before)?.Tier == Spec.Kinds.EnvironmentTier.Production;
        var (same, _, _) = Pairing.Pair(before is null ? [] : stores(before.Stores), after is null ? [] : stores(after.Stores), Pairing.ByNameThenSoleServer(objectName));
        foreach (var (was, now) in same)
        {
            Compare($"{backend(now).Name} ({objectName(now)})", data, retention(was), retention(now), production, changes, whenShorter);
        }
    }

    /// <param name="data">What is kept, in the plural: logs, traces.</param>
    /// <param name="before">The retention before; null keeps data for ever.</param>
    /// <param name="whenShorter">What a shorter retention does, when not that older data are deleted.</param>
    public static void Compare(string subject, string data, Duration? before, Duration? after, bool production, ChangeList changes, string? whenShorter = null)
    {
        if (before?.Text == after?.Text)
        {
            return;
        }

        var shorter = (after?.Value ?? TimeSpan.MaxValue) < (before?.Value ?? TimeSpan.MaxValue);
        changes.Add(ChangeArea.Retention, subject, ChangeKind.Changed,
            $"{data} kept {before?.Text ?? "for ever"} → {after?.Text ?? "for ever"}{(shorter ? $", {whenShorter ?? $"older {data} are deleted"}" : string.Empty)}",
            shorter ? (production ? Risk.High : Risk.Medium) : Risk.Low);
    }

    /// <param name="before">The size before; null keeps any amount.</param>
    public static void CompareSize(string subject, ByteSize? before, ByteSize? after, bool production, ChangeList changes)
    {
        if (before?.Bytes == after?.Bytes)
        {
            return;
        }

        var smaller = after is { } size && (before is null || size.Bytes < before.Bytes);
        changes.Add(ChangeArea.Retention, subject, ChangeKind.Changed,
            $"size {before?.Text ?? "unlimited"} → {after?.Text ?? "unlimited"}",
            smaller ? (production ? Risk.High : Risk.Medium) : Risk.Low);
    }
}
