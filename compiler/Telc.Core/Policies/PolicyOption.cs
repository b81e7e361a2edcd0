namespace Telc.Policies;

/// <summary>An option a policy reads, declared so that the schema, the docs and a typo check know it.</summary>
public sealed record PolicyOption(string Name, string Default, string Description);
