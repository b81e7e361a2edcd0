using Telc.Text;

namespace Telc.Policies;

/// <summary>
/// One thing a policy found: where in the spec (for a rendered object, the line that produced it), what, and the
/// <paramref name="Target"/> a waiver names to accept it, e.g. <c>AlertGroup/payments-api/PaymentsHighErrorRate</c>.
/// </summary>
public sealed record PolicyFinding(SourceLocation Location, string Target, string Message, string? Hint = null);
