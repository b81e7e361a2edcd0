namespace Telc;

/// <summary>
/// Why reading spec and output records by reflection is safe in a trimmed, native (AOT) telc: the records live in
/// this assembly, which Telc.Cli roots whole (<c>TrimmerRootAssembly</c>), so their constructors, properties and
/// attributes are all kept.
/// </summary>
internal static class TrimmingRoots
{
    public const string Justification = "Telc.Core is a trimmer root of Telc.Cli: its records keep every member.";
}
