namespace Telc.Sources;

/// <summary>The spec cannot be located at all (no such folder, unknown git ref): a usage problem, not a spec problem.</summary>
/// <param name="folderMissing">The place is valid but holds no spec folder, as at a commit from before the spec existed.</param>
public sealed class SpecSourceException(string message, bool folderMissing = false) : Exception(message)
{
    public bool FolderMissing => folderMissing;
}
