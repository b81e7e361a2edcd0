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
    ImmutableSortedDictionary<string, Spec.Resource> Sources);
