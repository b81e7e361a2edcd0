namespace Telc.Policies;

/// <summary>
/// A rule a platform team holds its spec to. One policy is one class in one file under <c>policies/</c>; built-in
/// policies are written exactly as users write theirs.
/// </summary>
public abstract class Policy
{
    /// <summary>Id, title, category, default level and help.</summary>
    public abstract PolicyInfo Info { get; }

    /// <summary>Everything the policy finds wrong; nothing when the spec complies.</summary>
    public abstract IEnumerable<PolicyFinding> Check(PolicyContext context);
}
