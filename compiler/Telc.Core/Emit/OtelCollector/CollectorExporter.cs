using System.Collections.Immutable;
using Telc.Output;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// The exporter of one pipeline part, with what it needs beside it: the auth extensions it names, the environment
/// variables that carry Secret values into the config (${env:NAME}) and the Secrets mounted as files.
/// </summary>
public sealed record CollectorExporter(
    string Id,
    OutMap Config,
    ImmutableArray<(string Id, OutMap Config)> Extensions,
    ImmutableArray<SecretEnvironment> Environment,
    ImmutableArray<string> MountedSecrets);

/// <summary>An environment variable of the collector container read from a Secret key.</summary>
public sealed record SecretEnvironment(string Name, string Secret, string Key);
