using Telc.Diagnostics;
using Telc.Text;

namespace Telc.Sources;

/// <summary>
/// What a source produced: the decoded spec files (YAML documents and the JSON files they may name) ordered by spec path, the spec paths of every file under the root
/// (for references to files such as dashboard JSON), and the problems met while reading.
/// </summary>
public sealed record SourceSet(string RootDisplayPath, IReadOnlyList<SourceFile> Files, IReadOnlySet<string> AllPaths, IReadOnlyList<Diagnostic> Diagnostics);
