using Telc.Spec.Kinds;

namespace Telc.Policies;

/// <summary>What a policy is: <paramref name="Id"/> is kebab-case and is what the Project, waivers and output name it by.</summary>
public sealed record PolicyInfo(string Id, string Title, string Category, PolicyLevel DefaultLevel, string Help);
