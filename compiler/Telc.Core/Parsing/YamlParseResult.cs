using Telc.Diagnostics;

namespace Telc.Parsing;

public sealed record YamlParseResult(IReadOnlyList<YamlDocument> Documents, IReadOnlyList<Diagnostic> Diagnostics);
