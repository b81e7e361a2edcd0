using System.Collections.Immutable;
using Telc.Policies;

namespace Telc.Tests.Support;

/// <summary>The built-in policies as the worker describes them (id, options…), once per test run.</summary>
public static class BuiltInPolicies
{
    private static readonly Lazy<ImmutableArray<ProtocolPolicy>> Described = new(() =>
        PolicyRunner.Describe(PolicySources.BuiltIn, PolicyWorkerSettings.FromEnvironment(
            name => name == "TELC_CACHE_DIR" ? PolicyCacheHolder.Folder : Environment.GetEnvironmentVariable(name))));

    public static ImmutableArray<ProtocolPolicy> Describe() => Described.Value;
}
