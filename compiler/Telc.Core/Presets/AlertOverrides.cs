using System.Collections.Immutable;
using Telc.Spec.Kinds;

namespace Telc.Presets;

/// <summary>An alert of a preset with a use's override applied.</summary>
public static class AlertOverrides
{
    private const string Summary = "summary";
    private const string Description = "description";
    private const string RunbookUrl = "runbook_url";

    public static Rule Apply(Rule rule, AlertOverride change)
    {
        var expr = change.Expr ?? rule.Expr;
        if (change.Threshold is { } threshold && Threshold.Replace(expr.Value, threshold) is { } compared)
        {
            expr = expr with { Value = compared };
        }

        // The annotations a rule has fields for go to those fields, which the renderer writes over annotations.
        var annotations = rule.Annotations.SetItems(change.Annotations);
        string? Field(string key, string? current) => annotations.TryGetValue(key, out var value) ? value : current;
        return rule with
        {
            Expr = expr,
            For = change.For ?? rule.For,
            Severity = change.Severity ?? rule.Severity,
            Labels = rule.Labels.SetItems(change.Labels),
            Summary = Field(Summary, rule.Summary),
            Description = Field(Description, rule.Description),
            Runbook = Field(RunbookUrl, rule.Runbook),
            Annotations = annotations.RemoveRange([Summary, Description, RunbookUrl]),
        };
    }
}
