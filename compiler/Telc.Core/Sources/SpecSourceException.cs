namespace Telc.Sources;

/// <summary>The spec cannot be located at all (no such folder, unknown git ref): a usage problem, not a spec problem.</summary>
public sealed class SpecSourceException(string message) : Exception(message);
