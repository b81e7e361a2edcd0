namespace Telc.Diff;

/// <summary>How much a reviewer should worry about a change; the order matters (higher is worse).</summary>
public enum Risk
{
    Low,
    Medium,
    High,
}
