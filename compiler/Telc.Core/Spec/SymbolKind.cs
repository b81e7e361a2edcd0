namespace Telc.Spec;

/// <summary>The kinds of names a reference can point at.</summary>
public enum SymbolKind
{
    Backend,
    Cluster,
    Team,
    Receiver,
    MuteTimeInterval,
    Environment,
}
