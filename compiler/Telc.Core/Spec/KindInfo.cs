namespace Telc.Spec;

/// <summary>A document kind: its name, the record its spec binds to, and whether team folders may hold it.</summary>
public sealed record KindInfo(string Name, Type SpecType, bool AllowedInTeamFolder);
