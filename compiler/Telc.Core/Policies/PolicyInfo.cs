using System.Collections.Immutable;
using Telc.Spec.Kinds;

namespace Telc.Policies;

/// <summary>
/// What a policy is: <paramref name="Id"/> is kebab-case and is what the Project, waivers and output name it by;
/// <paramref name="Options"/> are the options the Project may set for it, with their defaults.
/// </summary>
public sealed record PolicyInfo(string Id, string Title, string Category, PolicyLevel DefaultLevel, string Help, ImmutableArray<PolicyOption> Options = default);
