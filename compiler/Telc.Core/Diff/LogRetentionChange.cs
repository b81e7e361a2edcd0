using Telc.Spec.Values;

namespace Telc.Diff;

/// <summary>How long a log store keeps logs, changed: shortening it deletes logs for good, a high risk in production.</summary>
public static class LogRetentionChange
{
    /// <summary>A retention left out keeps logs for ever.</summary>
    public static void Compare(string subject, Duration? before, Duration? after, bool production, ChangeList changes)
    {
        if (before?.Text == after?.Text)
        {
            return;
        }

        var shorter = (after?.Value ?? TimeSpan.MaxValue) < (before?.Value ?? TimeSpan.MaxValue);
        changes.Add(ChangeArea.Retention, subject, ChangeKind.Changed,
            $"logs kept {before?.Text ?? "for ever"} → {after?.Text ?? "for ever"}{(shorter ? ", older logs are deleted" : string.Empty)}",
            shorter ? (production ? Risk.High : Risk.Medium) : Risk.Low);
    }
}
