using Telc.Diagnostics;

namespace Telc.Policies;

/// <summary>A policy's finding as reported, with the target a waiver names to accept it.</summary>
public sealed record PolicyFindingDiagnostic(Diagnostic Diagnostic, string Policy, string Target);
