using Telc.Model;
using Telc.Semantics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Lowering;

/// <summary>
/// Every AlertGroup as the rule group it renders to, lowered once per spec: a group does not depend on the cluster, so
/// the Prometheus that evaluates it shares the same plan in every cluster (50 clusters do not label 6,000 rules 50 times).
/// </summary>
public static class RuleGroupLowering
{
    /// <summary>The rule groups each backend evaluates (the one a group names, else the only one that can), in name order.</summary>
    public static ILookup<string, RuleGroupPlan> ByBackend(SpecModel model)
    {
        var unnamedGoTo = BackendTypes.Default(model, BackendUse.Rules);
        return model.OfKind<AlertGroupSpec>()
            .OrderBy(g => g.Resource.Name, StringComparer.Ordinal)
            .Select(g => (Backend: g.Spec.Backend?.Value ?? unnamedGoTo,
                Plan: new RuleGroupPlan(g.Resource, g.Spec, g.Resource.Name + ".yaml", [.. g.Spec.Rules.Select(r => RuleLabels.Lower(g.Resource, r))])))
            .Where(g => g.Backend is not null)
            .ToLookup(g => g.Backend!, g => g.Plan, StringComparer.Ordinal);
    }
}
