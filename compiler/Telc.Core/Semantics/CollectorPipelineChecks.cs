using Telc.Diagnostics;
using Telc.Emit.FluentBit;
using Telc.Emit.OtelCollector;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// What the collectors cannot do with a pipeline, found before anything is rendered: an agent or output this version
/// or Fluent Bit cannot do, a regular expression RE2 (OTTL's IsMatch, stanza) refuses, a file input telc cannot mount safely.
/// </summary>
public static class CollectorPipelineChecks
{
    public static void Check(SpecModel model, Resource resource, LogPipelineSpec pipeline, List<Diagnostic> diagnostics)
    {
        CheckVia(model, resource, pipeline.Output, diagnostics);
        if (pipeline.Agent == LogAgent.FluentBit)
        {
            CheckFluentBit(model, resource, pipeline, diagnostics);
        }

        foreach (var match in (pipeline.Filter?.Drop ?? []).Concat(pipeline.DerivedMetrics.IsDefault ? [] : pipeline.DerivedMetrics.Select(m => m.Match).OfType<FieldMatch>()))
        {
            CheckRegex(match, diagnostics);
        }

        foreach (var parser in pipeline.Parsers.IsDefault ? [] : pipeline.Parsers)
        {
            if (parser.Type != LogParserType.Json && parser.Pattern is null)
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.MissingProperty, parser.Location,
                    $"a {parser.Type.ToString().ToLowerInvariant()} parser needs a pattern",
                    parser.Type == LogParserType.Regex ? "give the regular expression with named groups, e.g. '^(?P<level>\\w+) (?P<message>.*)$'" : "give the pattern of a record's first line, e.g. '^\\d{4}-\\d{2}-\\d{2}'"));
            }
            else if (parser.Pattern is { } pattern && PromQL.Re2Syntax.Validate(pattern, out _) is { } problem)
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidFormat, parser.Location, $"'{pattern}' is not a valid regular expression", problem));
            }
        }

        foreach (var file in pipeline.Input.Files.IsDefault ? [] : pipeline.Input.Files)
        {
            if (file.Path.Split('/').Any(segment => segment is ".." or ".") || file.Path.Contains(','))
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidForConsumer, file.Location,
                    $"'{file.Path}' has a '.' or '..' segment or a comma; the agent mounts the folder a file input reads, and Fluent Bit splits paths at commas",
                    "write the path as it is, e.g. /var/log/audit/*.log, one path per file input"));
            }
            else if (CollectorConfigBuilder.FolderOf(file.Path) == "/")
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidForConsumer, file.Location,
                    $"'{file.Path}' is in the node's root folder, and the agent mounts the folder a file input reads",
                    "read files in a folder of their own, e.g. /var/log/audit/*.log"));
            }
        }

        foreach (var metric in pipeline.DerivedMetrics.IsDefault ? [] : pipeline.DerivedMetrics)
        {
            foreach (var label in (metric.Labels.IsDefault ? [] : metric.Labels).Where(l => Ottl.IsBody(l) || Ottl.BodyKey(l) is not null))
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidForConsumer, metric.Location,
                    $"the label '{label}' of the derived metric '{metric.Name}' is part of the record's body, and labels are copied from attributes",
                    "parse the value into an attribute first (a json or regex parser), then name that attribute"));
            }

            if (metric.Type == DerivedMetricType.Histogram && metric.ValueField is null)
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.MissingProperty, metric.Location,
                    $"the histogram '{metric.Name}' needs the field it observes", "set valueField, e.g. valueField: duration_seconds"));
            }
        }
    }

    /// <summary>What Fluent Bit cannot do that the collector can: nested keys in parsers and redaction, a bearer token towards Elasticsearch, a metric name without namespace.</summary>
    private static void CheckFluentBit(SpecModel model, Resource resource, LogPipelineSpec pipeline, List<Diagnostic> diagnostics)
    {
        const string Hint = "leave agent out: the OpenTelemetry Collector agent runs the pipeline and can do this";
        void Refuse(SourceLocation location, string message) => diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.CannotRender, location, message, Hint));

        foreach (var parser in (pipeline.Parsers.IsDefault ? [] : pipeline.Parsers).Where(p => !FluentBitFields.IsTopLevel(p.Field)))
        {
            Refuse(parser.Location, $"Fluent Bit parses only top-level keys, not '{parser.Field}'");
        }

        foreach (var field in (pipeline.Filter?.Redact ?? []).Where(f => !FluentBitFields.IsTopLevel(f)))
        {
            Refuse(pipeline.Filter!.Location, $"Fluent Bit redacts only top-level keys, not '{field}'");
        }

        foreach (var metric in (pipeline.DerivedMetrics.IsDefault ? [] : pipeline.DerivedMetrics).Where(m => m.Name.IndexOf('_', 1) is < 0 || m.Name.EndsWith('_')))
        {
            Refuse(metric.Location, $"Fluent Bit names a metric namespace_name, so '{metric.Name}' needs an underscore inside it");
        }

        if (BackendTypes.Named(model, pipeline.Output.Backend.Value)?.External?.Elasticsearch?.Auth?.BearerTokenSecretRef is not null)
        {
            Refuse(pipeline.Output.Backend.Location, "Fluent Bit's Elasticsearch output takes a user and password or an API key, not a bearer token");
        }

        // Fluent Bit's kafka output writes its own JSON records, which the gateway could only read back as bodies without
        // their resource, timestamps or severity; the stores would get other records than the pipeline ships without via.
        if (pipeline.Output.Via is { } via && ReadsNodes(pipeline.Input))
        {
            Refuse(via.Location, $"Fluent Bit writes its own JSON records to Kafka, not OTLP, so the gateway cannot pass {resource.DisplayName}'s records on to its backend unchanged");
        }
    }

    /// <summary>Whether a log pipeline reads the nodes (containers, journal, files): the part its agent runs.</summary>
    public static bool ReadsNodes(LogInputs input) => input.Containers is not null || input.Node is { Journald: true } || !input.Files.IsDefaultOrEmpty;

    /// <summary>Whether a metric pipeline has inputs Prometheus scrapes (annotations and selectors, runtime, node, kube-state, Istio).</summary>
    public static bool HasPullInputs(MetricInputs input) =>
        input.Prometheus is not null || input.Runtime is { Enabled: true } || input.Node is { Enabled: true } || input.KubeState is { Enabled: true } || input.Istio is { Enabled: true };

    public static void Check(SpecModel model, Resource resource, TracePipelineSpec pipeline, List<Diagnostic> diagnostics)
    {
        CheckVia(model, resource, pipeline.Output, diagnostics);
        foreach (var match in pipeline.Filter?.DropSpans ?? [])
        {
            CheckRegex(match, diagnostics);
        }
    }

    public static void Check(SpecModel model, Resource resource, MetricPipelineSpec pipeline, List<Diagnostic> diagnostics)
    {
        CheckVia(model, resource, pipeline.Output, diagnostics);
        if (pipeline.Output.Via is { } via && HasPullInputs(pipeline.Input))
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.CannotRender, via.Location,
                $"the pull inputs of {resource.DisplayName} are scraped by Prometheus, which ships by remote write and cannot write to Kafka",
                "leave via out, or move the OTLP input to a pipeline of its own and buffer that one through Kafka"));
        }

        if (HasPullInputs(pipeline.Input) && BackendTypes.Named(model, pipeline.Output.Backend.Value) is { Influxdb: not null })
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.CannotRender, pipeline.Output.Backend.Location,
                $"the pull inputs of {resource.DisplayName} are scraped by Prometheus, which ships by remote write, and InfluxDB 2 takes no Prometheus remote write",
                "give the pull inputs a pipeline of their own to a Prometheus (or an external remote-write endpoint), and ship only the OTLP input to InfluxDB"));
        }

        if (pipeline.Input.Otlp is { Enabled: true })
        {
            if (BackendTypes.Named(model, pipeline.Output.Backend.Value)?.Prometheus is { Operator: true })
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.CannotRender, pipeline.Input.Otlp.Location,
                    $"the OTLP input of {resource.DisplayName} would be remote-written into Prometheus '{pipeline.Output.Backend.Value}', which the Prometheus Operator runs, and this version of telc does not enable its remote-write receiver",
                    "ship the OTLP input to a Prometheus without operator: true, or to an external endpoint"));
            }
        }
    }

    /// <summary>A Kafka the output already is has nothing to buffer for: via is for the way to a store.</summary>
    private static void CheckVia(SpecModel model, Resource resource, PipelineOutput output, List<Diagnostic> diagnostics)
    {
        if (output.Via is { } via && BackendTypes.Named(model, output.Backend.Value) is { Kafka: not null })
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.IncompatibleBackend, via.Location,
                $"the output of {resource.DisplayName} is Kafka backend '{output.Backend.Value}' itself, so there is nothing for '{via.Value}' to buffer it on the way to",
                "leave via out, or set the output to the store the data is for"));
        }
    }

    private static void CheckRegex(FieldMatch match, List<Diagnostic> diagnostics)
    {
        if (PromQL.Re2Syntax.Validate(match.Matches, out _) is { } problem)
        {
            diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.InvalidFormat, match.Location, $"'{match.Matches}' in the match of field '{match.Field}' is not a valid regular expression", problem));
        }
    }

}
