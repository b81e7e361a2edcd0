using System.Collections.Immutable;

namespace Telc.Diff;

/// <summary>An object added, removed or changed between the two sides, with the file it is rendered to and its changed fields.</summary>
public sealed record ObjectDiff(ObjectIdentity Identity, string Path, ChangeKind Kind, ImmutableArray<FieldChange> Fields);
