using Telc.Spec.Values;

namespace Telc.Diff;

/// <summary>How long, and how much, a store keeps what it holds: shortening or shrinking it deletes data for good.</summary>
public static class StoreRetention
{
    /// <param name="data">What is kept, in the plural: logs, traces.</param>
    /// <param name="before">The retention before; null keeps data for ever.</param>
    public static void Compare(string subject, string data, Duration? before, Duration? after, bool production, ChangeList changes)
    {
        if (before?.Text == after?.Text)
        {
            return;
        }

        var shorter = (after?.Value ?? TimeSpan.MaxValue) < (before?.Value ?? TimeSpan.MaxValue);
        changes.Add(ChangeArea.Retention, subject, ChangeKind.Changed,
            $"{data} kept {before?.Text ?? "for ever"} → {after?.Text ?? "for ever"}{(shorter ? $", older {data} are deleted" : string.Empty)}",
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
