using System.Collections.Immutable;
using Telc.Diagnostics;

namespace Telc.Policies;

/// <summary>The policy files that run, and what was refused while reading them (links, oversized files).</summary>
public sealed record PolicyFiles(ImmutableArray<ProtocolFile> Files, IReadOnlyList<Diagnostic> Problems);
