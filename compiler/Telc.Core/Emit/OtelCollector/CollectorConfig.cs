using System.Collections.Immutable;
using Telc.Output;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// One rendered collector configuration and what its pod must provide for it: Secret values as environment
/// variables, Secrets and host folders mounted, and which collector pipeline came from which spec document.
/// </summary>
public sealed record CollectorConfig(
    OutMap Root,
    ImmutableArray<SecretEnvironment> Environment,
    ImmutableArray<string> MountedSecrets,
    ImmutableArray<string> HostFolders,
    bool ReadsJournal,
    ImmutableSortedDictionary<string, Spec.Resource> Sources)
{
    /// <summary>
    /// Where a problem in the config comes from: the pipeline whose part id (logs/PART for a collector pipeline,
    /// PART for a Fluent Bit tag) its path names, else its message, else the cluster.
    /// </summary>
    public Func<ConfigProblem, Text.SourceLocation> SourceOf(Model.ClusterPlan cluster) => problem =>
    {
        string Part(string key) => key.Split('/', 2)[^1];
        var source = Sources.FirstOrDefault(s => problem.Path.Contains(Part(s.Key), StringComparison.Ordinal)).Value
            ?? Sources.FirstOrDefault(s => problem.Message.Contains(Part(s.Key), StringComparison.Ordinal)).Value
            ?? cluster.Cluster;
        return source.Location;
    };
}
