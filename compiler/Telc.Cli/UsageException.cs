namespace Telc.Cli;

/// <summary>The command line asks for something that cannot be done as asked; exit code 3.</summary>
public sealed class UsageException(string message) : Exception(message);
