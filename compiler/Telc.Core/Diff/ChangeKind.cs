namespace Telc.Diff;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}
