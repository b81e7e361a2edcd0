using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Policies;

/// <summary>A rule with the AlertGroup document that holds it.</summary>
public sealed record RuleInGroup(Resource Group, AlertGroupSpec Spec, Rule Rule)
{
    /// <summary>The waiver target of a finding about the rule: <c>AlertGroup/&lt;group&gt;/&lt;rule&gt;</c>.</summary>
    public string Target => $"{Group.DisplayName}/{Rule.Name.Value}";
}
