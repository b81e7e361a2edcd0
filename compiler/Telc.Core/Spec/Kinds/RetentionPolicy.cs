using System.Collections.Immutable;
using Telc.Spec.Values;

namespace Telc.Spec.Kinds;

public enum Signal
{
    Metrics,
    Logs,
    Traces,
}

[Doc("How long each signal is kept, per environment and team. The most specific matching rule wins.")]
public sealed record RetentionPolicySpec(
    [Doc("Retention rules.")] ImmutableArray<RetentionRule> Rules) : SpecNode;

[Doc("One retention rule; fields left out match anything.")]
public sealed record RetentionRule(
    [Doc("Signal the rule applies to.")] Signal Signal,
    [Doc("Environment the rule applies to."), Reference(SymbolKind.Environment)] Located<string>? Environment,
    [Doc("Team the rule applies to (per-tenant overrides where the backend has tenants)."), Reference(SymbolKind.Team)] Located<string>? Team,
    [Doc("Backend the rule applies to."), Reference(SymbolKind.Backend)] Located<string>? Backend,
    [Doc("How long data is kept.")] Duration Duration,
    [Doc("How much data is kept at most.")] ByteSize? Size) : SpecNode;
