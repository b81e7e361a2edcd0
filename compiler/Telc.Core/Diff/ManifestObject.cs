using Telc.Parsing;

namespace Telc.Diff;

/// <summary>One rendered Kubernetes object, read back from its file as a YAML tree.</summary>
public sealed record ManifestObject(ObjectIdentity Identity, string Path, YamlMapping Root);
