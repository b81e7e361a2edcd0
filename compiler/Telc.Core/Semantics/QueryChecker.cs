using System.Text.RegularExpressions;
using Telc.Diagnostics;
using Telc.PromQL;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;
using ValueType = Telc.PromQL.ValueType;

namespace Telc.Semantics;

/// <summary>
/// Parses every query of the spec (rules, SLO indicators; dashboard panels through DashboardChecker) in its language and reports syntax and
/// type errors at their line and column inside the YAML: PromQL here, LogQL for a Loki (<see cref="LogQueryChecker"/>).
/// </summary>
public static partial class QueryChecker
{
    /// <summary>The SLO window placeholder as Go templates accept it: <c>{{.window}}</c>, spaces allowed inside the braces.</summary>
    [GeneratedRegex(@"\{\{-?\s*\.window\s*-?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex WindowPlaceholder();

    /// <summary>An SLO query with its window placeholder as a duration of the same length (000…01h), so positions in it stay right.</summary>
    public static string WithWindow(string query) => WindowPlaceholder().Replace(query, m => new string('0', m.Length - 2) + "1h");

    public static IReadOnlyList<Diagnostic> Check(SpecModel model)
    {
        var diagnostics = new List<Diagnostic>();
        var lokiBackends = model.OfKind<BackendSpec>().Where(b => b.Spec.Loki is not null).Select(b => b.Resource.Name).ToHashSet(StringComparer.Ordinal);
        // The Prometheus servers telc deploys itself, whose version is known; the Prometheus Operator runs its own.
        var deployed = model.OfKind<BackendSpec>().Where(b => b.Spec.Prometheus is { Operator: false }).Select(b => b.Resource.Name).ToHashSet(StringComparer.Ordinal);
        // Every backend's intervals, for dashboards and groups whose evaluating backend is unknown; one set per backend.
        var anyBackend = ScrapeIntervals.For(model, null);
        var byBackend = new Dictionary<string, ScrapeIntervals>(StringComparer.Ordinal);
        var defaultBackend = BackendTypes.Default(model, BackendUse.Rules);
        foreach (var (_, group) in model.OfKind<AlertGroupSpec>())
        {
            // A Loki ruler, named or the only rules backend, evaluates LogQL.
            var evaluatedBy = group.Backend?.Value ?? defaultBackend;
            var logQL = evaluatedBy is not null && lokiBackends.Contains(evaluatedBy);
            var intervals = evaluatedBy is null ? anyBackend : IntervalsOf(evaluatedBy);

            foreach (var rule in group.Rules)
            {
                var expected = rule.Alert is not null ? "an alerting rule" : "a recording rule";
                if (logQL)
                {
                    LogQueryChecker.Check(rule.Expr, rule.Alert is not null ? LogQueryUse.AlertingRule : LogQueryUse.RecordingRule, diagnostics);
                }
                else
                {
                    Check(rule.Expr, diagnostics, type =>
                        rule.Alert is not null ? type == ValueType.InstantVector : type is ValueType.InstantVector or ValueType.Scalar, expected, intervals, model.Vocabulary,
                        evaluatedBy is not null && deployed.Contains(evaluatedBy));
                }

                if (rule.Alert is not null)
                {
                    TemplateChecker.Check(rule.Summary, "summary", rule.Location, diagnostics);
                    TemplateChecker.Check(rule.Description, "description", rule.Location, diagnostics);
                    foreach (var (name, value) in rule.Annotations.Concat(rule.Labels))
                    {
                        TemplateChecker.Check(value, name, rule.Location, diagnostics);
                    }
                }
            }
        }

        foreach (var (_, slo) in model.OfKind<SloSpec>())
        {
            Check(slo.Sli.ErrorQuery, diagnostics, type => type == ValueType.InstantVector, "an SLO indicator", null, model.Vocabulary);
            Check(slo.Sli.TotalQuery, diagnostics, type => type == ValueType.InstantVector, "an SLO indicator", null, model.Vocabulary);
        }

        return diagnostics;

        ScrapeIntervals IntervalsOf(string backend)
        {
            if (!byBackend.TryGetValue(backend, out var intervals))
            {
                byBackend[backend] = intervals = ScrapeIntervals.For(model, backend);
            }

            return intervals;
        }
    }

    /// <summary>A dashboard panel's PromQL, read after Grafana's variables as Grafana sends it.</summary>
    public static void CheckPanel(Located<string> query, ICollection<Diagnostic> diagnostics, ScrapeIntervals intervals, Presets.MetricVocabulary vocabulary, bool deployedPrometheus) =>
        Check(query, diagnostics, type => type is ValueType.InstantVector or ValueType.Scalar, "a dashboard panel", intervals, vocabulary, deployedPrometheus, GrafanaVariables.Substitute(query.Value));

    /// <param name="deployedPrometheus">The query runs in a Prometheus telc deploys, whose version refuses newer syntax.</param>
    /// <param name="prepared">The text to parse when it is not the query's own, with the same length so positions stay right.</param>
    private static void Check(
        Located<string> query, ICollection<Diagnostic> diagnostics, Func<ValueType, bool> acceptable, string use, ScrapeIntervals? intervals, Presets.MetricVocabulary vocabulary, bool deployedPrometheus = false,
        string? prepared = null)
    {
        var text = prepared ?? WithWindow(query.Value);
        var result = Parser.Parse(text);
        foreach (var error in result.Errors)
        {
            var descriptor = result.Root is null ? DiagnosticCatalogue.PromQLSyntax : DiagnosticCatalogue.PromQLType;
            var span = ScalarOffsets.Map(query.Location, query.Value, error.Span);
            diagnostics.Add(Diagnostic.At(descriptor, query.Location.File.Locate(span), error.Message, null));
        }

        if (result is { Success: true, Root: { } newer } && deployedPrometheus)
        {
            foreach (var (span, message, hint) in DeployedPrometheusSyntax.Refusals(newer, text))
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidForConsumer, query.Location.File.Locate(ScalarOffsets.Map(query.Location, query.Value, span)), message, hint));
            }
        }

        if (result is { Success: true, Root: { } lintRoot } && intervals is not null)
        {
            foreach (var finding in QueryLint.Check(lintRoot, query, intervals, vocabulary))
            {
                diagnostics.Add(finding);
            }
        }

        if (result is { Success: true, Root: { } root } && !acceptable(TypeChecker.TypeOfExpression(root)))
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.PromQLResultType, query.Location,
                $"the query returns {TypeChecker.Describe(TypeChecker.TypeOfExpression(root))}, which {use} cannot use",
                use == "an alerting rule" ? "an alert condition must select series, e.g. compare a vector with a threshold" : null));
        }
    }
}
