using System.CommandLine;
using System.Globalization;
using Telc.Diagnostics;
using Telc.Presets;
using Telc.Sources;
using Telc.Spec.Kinds;

namespace Telc.Cli.Commands;

public sealed record PresetsArguments(string? Path, string? Ref, string? Name = null, string? Version = null);

/// <summary>
/// <c>telc presets list</c> and <c>telc presets show NAME</c>: the built-in catalog with the project's own, what each
/// preset adds (scrape jobs, alerts with their thresholds, recording rules), its options and where it fits.
/// </summary>
public sealed class PresetsCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var listPath = SpecLocation.CreatePathArgument();
        var listRef = SpecLocation.CreateRefOption();
        var list = new Command("list", "List the presets of the built-in catalog and of the project's presets/ folder") { listPath, listRef };
        list.SetAction(result => new PresetsCommand(context).List(new PresetsArguments(result.GetValue(listPath), result.GetValue(listRef))));

        var name = new Argument<string>("name") { Description = "Name of the preset" };
        var showPath = SpecLocation.CreatePathArgument();
        var showRef = SpecLocation.CreateRefOption();
        var version = new Option<string?>("--version") { Description = "Version or range (1, 1.x, 1.2.0); the highest when left out" };
        var show = new Command("show", "Show what a preset adds: its options, scrape jobs, alerts with thresholds and recording rules") { name, showPath, showRef, version };
        show.SetAction(result => new PresetsCommand(context).Show(new PresetsArguments(result.GetValue(showPath), result.GetValue(showRef), result.GetValue(name), result.GetValue(version))));
        return new Command("presets", "Browse the preset catalog") { list, show };
    }

    public int List(PresetsArguments arguments)
    {
        var (catalog, problems) = Read(arguments);
        var rows = catalog.Presets.Values.SelectMany(v => v).Select(p => new[]
        {
            p.Name, p.Version.ToString(), p.BuiltIn ? "built-in" : "project", Count(p, alerts: true), Count(p, alerts: false), p.Spec.Scrape.Length.ToString(CultureInfo.InvariantCulture),
            Diagnostic.Shown(Short(p.Description ?? string.Empty)),
        }).ToArray();
        string[] header = ["NAME", "VERSION", "CATALOG", "ALERTS", "RECORDS", "SCRAPE JOBS", "DESCRIPTION"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            context.Out.Write(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd() + "\n");
        }

        return problems;
    }

    public int Show(PresetsArguments arguments)
    {
        var (catalog, problems) = Read(arguments);
        var name = arguments.Name!;
        if (!catalog.Presets.TryGetValue(name, out var versions))
        {
            throw new UsageException($"preset '{Diagnostic.Shown(name)}' is not in the catalog; {Suggestions.Hint(name, catalog.Presets.Keys.ToArray(), "preset") ?? "`telc presets list` shows it"}");
        }

        var preset = (arguments.Version is { } range ? catalog.Find(name, range) : versions[^1])
            ?? throw new UsageException($"preset '{name}' has no version matching {Diagnostic.Shown(arguments.Version!)}; available: {string.Join(", ", versions.Select(v => v.Version))}");
        var spec = preset.Spec;
        var output = new List<string>
        {
            $"{preset.Name} {preset.Version} ({(preset.BuiltIn ? "built-in catalog" : preset.Manifest.File.Path)})",
        };
        if (preset.Description is { } description)
        {
            output.Add(description);
        }

        output.Add(string.Empty);
        output.Add($"platforms:     {(spec.Platforms.IsDefaultOrEmpty ? "all" : string.Join(", ", spec.Platforms.Select(p => p.Value)))}");
        output.Add($"requires:      {(spec.Requires.IsDefaultOrEmpty ? "-" : string.Join(", ", spec.Requires.Select(r => "input." + r.Value)))}");
        output.Add($"control plane: {(spec.ControlPlane.IsDefaultOrEmpty ? "-" : string.Join(", ", spec.ControlPlane.Select(p => p.Value)) + " (off on eks, gke and aks unless the use sets controlPlane: true)")}");
        Section(output, "options", spec.Options.SelectMany(o => new[] { $"{o.Name.Value} = {o.Default}", $"    {o.Description}" }));
        Section(output, "scrape jobs", spec.Scrape.Select(s =>
            $"{preset.Name}/{s.Name}  {Yaml(s.Scheme)}  {(s.Targets.IsDefaultOrEmpty ? $"services {string.Join(", ", s.MatchLabels.Select(l => $"{l.Key}={l.Value}"))} port {s.Port}" : "targets " + string.Join(", ", s.Targets.Select(t => t.Value)))}{ControlPlane(preset, s.Name)}"));
        foreach (var group in preset.Groups)
        {
            var rules = ((AlertGroupSpec)group.Spec).Rules;
            Section(output, $"group {group.Name}{ControlPlane(preset, group.Name)}", rules.Select(Rule));
        }

        Section(output, "dashboards", preset.Dashboards.Select(d => $"{d.Name}  {((DashboardSpec)d.Spec).Title ?? d.Name}  {((DashboardSpec)d.Spec).Panels.Length} panels{ControlPlane(preset, d.Name)}"));
        Section(output, "metrics", spec.Metrics.Select(m => $"{m.Name}  {Yaml(m.Type)}"));
        foreach (var line in output)
        {
            context.Out.Write(Diagnostic.Shown(line) + "\n");
        }

        return problems;
    }

    /// <summary>A description cut to a line's worth: its first sentence, at most 100 characters.</summary>
    private static string Short(string description)
    {
        var sentence = description.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? description[..(end + 1)] : description;
        return sentence.Length <= 100 ? sentence : sentence[..99] + "…";
    }

    private static string Rule(Rule rule)
    {
        if (rule.Record is { } record)
        {
            return $"record {record.Value}";
        }

        var threshold = Threshold.Find(rule.Expr.Value) is { } span ? $"  threshold {rule.Expr.Value.Substring(span.Start, span.Length)}" : string.Empty;
        return $"{rule.Alert!.Value}  {rule.Severity ?? "-"}  for {rule.For?.Text ?? "0s"}{threshold}";
    }

    private static void Section(List<string> output, string title, IEnumerable<string> lines)
    {
        var items = lines.ToArray();
        if (items.Length > 0)
        {
            output.Add(string.Empty);
            output.Add(title + ":");
            output.AddRange(items.Select(i => "  " + i));
        }
    }

    private static string ControlPlane(Preset preset, string part) => preset.IsControlPlane(part) ? "  (control plane)" : string.Empty;

    private static string Count(Preset preset, bool alerts) =>
        preset.Groups.SelectMany(g => ((AlertGroupSpec)g.Spec).Rules).Count(r => (r.Alert is not null) == alerts).ToString(CultureInfo.InvariantCulture);

    private static string Yaml<T>(T value)
        where T : struct, Enum => Preset.YamlName(value);

    /// <summary>The catalog, with the project's presets when a spec is given or ./telemetry exists; problems with it go to standard error.</summary>
    private (PresetCatalog Catalog, int ExitCode) Read(PresetsArguments arguments)
    {
        var diagnostics = new List<Diagnostic>();
        var hasSpec = arguments.Path is not null || arguments.Ref is not null || Directory.Exists(context.FullPath(SpecFileNames.DefaultRoot));
        var sources = hasSpec
            ? SpecLocation.Resolve(arguments.Path, arguments.Ref, context, context.WorkingDirectory).Read()
            : new SourceSet(string.Empty, [], new HashSet<string>(), []);
        var catalog = Compilation.Catalog(sources, diagnostics);
        foreach (var problem in diagnostics.Where(d => d.Level == DiagnosticLevel.Error))
        {
            context.Error.Write($"{problem.Location?.File.Path ?? problem.FilePath}:{problem.Start.Line}:{problem.Start.Column}: {problem.Descriptor.Code} {Diagnostic.Shown(problem.Message)}\n");
        }

        return (catalog, diagnostics.Any(d => d.Level == DiagnosticLevel.Error) ? ExitCodes.ProblemsFound : ExitCodes.Clean);
    }
}
