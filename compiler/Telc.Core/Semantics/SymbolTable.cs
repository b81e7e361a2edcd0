using Telc.Spec;

namespace Telc.Semantics;

/// <summary>The names each kind of reference can resolve to, for one scope.</summary>
public sealed record SymbolTable(IReadOnlyDictionary<SymbolKind, IReadOnlySet<string>> Names)
{
    public IReadOnlySet<string> this[SymbolKind kind] => Names.TryGetValue(kind, out var names) ? names : EmptySet;

    public SymbolTable With(SymbolKind kind, IEnumerable<string> names)
    {
        var copy = Names.ToDictionary(p => p.Key, p => p.Value);
        copy[kind] = names.ToHashSet(StringComparer.Ordinal);
        return new SymbolTable(copy);
    }

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();
}
