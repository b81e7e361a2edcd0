using Telc.Model;
using Telc.Output;
using static Telc.Output.OutTree;

namespace Telc.Emit.OtelCollector;

/// <summary>The per-pipeline processors: what a pipeline drops (filter) and what it hides (transform).</summary>
public static class PipelineProcessors
{
    /// <summary>
    /// A filter processor dropping the records or spans that match any condition: the log pipeline's drop rules, the
    /// trace pipeline's dropSpans and its namespace selection. A condition that cannot be evaluated keeps the record.
    /// </summary>
    public static OutMap? Drop(CollectorPipelinePlan part)
    {
        if (part.Logs?.Filter is { Drop.IsDefaultOrEmpty: false } logFilter)
        {
            return Map(("error_mode", "ignore"), ("logs", Map(("log_record", Seq(logFilter.Drop.Select(m => Ottl.Matches(m.Field, m.Matches)))))));
        }

        if (part.Traces?.Filter is { } traceFilter)
        {
            var conditions = new List<string>();
            const string Namespace = "resource.attributes[\"k8s.namespace.name\"]";
            if (traceFilter.Namespaces is { Include.IsDefaultOrEmpty: false } include)
            {
                conditions.Add($"not IsMatch({Namespace}, {Ottl.Quote(AnyOf(include.Include))})");
            }

            if (traceFilter.Namespaces is { Exclude.IsDefaultOrEmpty: false } exclude)
            {
                conditions.Add($"IsMatch({Namespace}, {Ottl.Quote(AnyOf(exclude.Exclude))})");
            }

            conditions.AddRange((traceFilter.DropSpans.IsDefault ? [] : traceFilter.DropSpans).Select(m => Ottl.Matches(m.Field, m.Matches)));
            return conditions.Count == 0 ? null : Map(("error_mode", "ignore"), ("traces", Map(("span", Seq(conditions)))));
        }

        return null;
    }

    /// <summary>A transform processor replacing the value of every redacted field that is set by ***.</summary>
    public static OutMap? Redact(CollectorPipelinePlan part) =>
        part.Logs?.Filter is { Redact.IsDefaultOrEmpty: false } filter
            ? Map(("error_mode", "ignore"), ("log_statements", Seq(Map(("context", "log"), ("statements", Seq(
                filter.Redact.Select(field => $"set({Ottl.Path(field)}, \"***\") where {Ottl.Path(field)} != nil")))))))
            : null;

    /// <summary>An anchored RE2 alternation of literal names.</summary>
    private static string AnyOf(IEnumerable<string> names) => $"^({string.Join("|", names.Select(System.Text.RegularExpressions.Regex.Escape))})$";
}
