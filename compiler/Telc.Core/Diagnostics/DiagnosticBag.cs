namespace Telc.Diagnostics;

/// <summary>Collects diagnostics while one stage runs; stages hand the frozen list on.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = [];

    public int Count => items.Count;

    public bool HasErrors => items.Exists(d => d.Level == DiagnosticLevel.Error);

    public void Add(Diagnostic diagnostic) => items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => items.AddRange(diagnostics);

    public IReadOnlyList<Diagnostic> ToList() => items.ToArray();
}
