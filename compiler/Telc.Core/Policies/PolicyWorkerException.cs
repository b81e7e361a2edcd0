namespace Telc.Policies;

/// <summary>The policy worker is missing, did not start, or the policies it was given do not compile.</summary>
public sealed class PolicyWorkerException(string message) : Exception(message);
