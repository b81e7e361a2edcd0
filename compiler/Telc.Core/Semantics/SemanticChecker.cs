using System.Collections;
using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Presets;
using Telc.Schema;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;
using Telc.Text;

namespace Telc.Semantics;

/// <summary>
/// Checks that only make sense across documents: unique names, references that resolve, backends that fit
/// their use, team folders, environments.
/// </summary>
public sealed class SemanticChecker
{
    private readonly SpecModel model;
    private readonly ShapeCatalog shapes;
    private readonly PresetCatalog presets;
    private readonly IReadOnlySet<string> files;
    private readonly List<Diagnostic> diagnostics = [];
    private readonly Dictionary<string, Resource> backends = new(StringComparer.Ordinal);
    private IReadOnlyList<string> environments = EnvironmentDeclaration.DefaultNames;

    private SemanticChecker(SpecModel model, ShapeCatalog shapes, PresetCatalog presets, IReadOnlySet<string> files)
    {
        this.model = model;
        this.shapes = shapes;
        this.presets = presets;
        this.files = files;
    }

    /// <param name="files">Every file under the spec root by spec path, for references to files such as dashboard JSON.</param>
    public static IReadOnlyList<Diagnostic> Check(SpecModel model, ShapeCatalog shapes, PresetCatalog presets, IReadOnlySet<string> files)
    {
        var checker = new SemanticChecker(model, shapes, presets, files);
        checker.Run();
        return checker.diagnostics;
    }

    private void Run()
    {
        CheckProjects();
        CheckUniqueNames();
        CheckRoutingTargets();
        foreach (var (resource, spec) in model.OfKind<BackendSpec>())
        {
            backends.TryAdd(resource.Name, resource);
        }

        if (model.Project?.Environments is { IsDefaultOrEmpty: false } declared)
        {
            environments = [.. declared.Select(e => e.Name.Value)];
            CheckEnvironments(declared);
        }

        var global = new SymbolTable(new Dictionary<SymbolKind, IReadOnlySet<string>>
        {
            [SymbolKind.Backend] = Names<BackendSpec>(),
            [SymbolKind.Cluster] = Names<ClusterSpec>(),
            [SymbolKind.Team] = Names<TeamSpec>(),
            [SymbolKind.Environment] = environments.ToHashSet(StringComparer.Ordinal),
            [SymbolKind.Receiver] = model.OfKind<AlertRoutingSpec>().SelectMany(r => r.Spec.Receivers).Select(r => r.Name?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal),
        });

        foreach (var resource in model.Resources)
        {
            var scope = resource.Spec is AlertRoutingSpec routing
                ? global.With(SymbolKind.Receiver, routing.Receivers.Select(r => r.Name?.Value).OfType<string>())
                    .With(SymbolKind.MuteTimeInterval, routing.MuteTimeIntervals.Select(m => m.Name?.Value).OfType<string>())
                : global;
            CheckReferences(resource.Metadata with { Team = IsInTeamFolder(resource) ? null : resource.Metadata.Team }, scope, resource);
            CheckReferences(resource.Spec, scope, resource);
            CheckTeamFolder(resource);
            if (resource.IsComplete)
            {
                CheckKindSpecific(resource);
            }
        }
    }

    private void CheckRoutingTargets()
    {
        var claimed = new Dictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var (resource, routing) in model.OfKind<AlertRoutingSpec>().Where(r => r.Resource.IsComplete))
        {
            var target = routing.Backend?.Value ?? BackendTypes.Default(model, BackendUse.Alertmanager);
            if (target is not null && !claimed.TryAdd(target, resource))
            {
                Add(DiagnosticCatalogue.RoutingConflict, routing.Backend?.Location ?? resource.Location,
                    $"Alertmanager '{target}' is already configured by AlertRouting '{claimed[target].Name}' ({Where(claimed[target].Location)})",
                    "merge the receivers and routes into one AlertRouting, or point this one at another Alertmanager");
            }
        }
    }

    private void CheckProjects()
    {
        foreach (var (resource, _) in model.OfKind<ProjectSpec>().Skip(1))
        {
            var first = model.OfKind<ProjectSpec>().First().Resource;
            Add(DiagnosticCatalogue.MultipleProjects, resource.Location,
                $"a spec has one Project; another is declared at {Where(first.Location)}", "merge the two Project documents");
        }
    }

    private void CheckEnvironments(ImmutableArray<EnvironmentDeclaration> declared)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var environment in declared)
        {
            if (!seen.Add(environment.Name.Value))
            {
                Add(DiagnosticCatalogue.DuplicateName, environment.Name.Location, $"environment '{environment.Name.Value}' is declared twice",
                    "environment names must be unique; remove one");
            }
            else if (environment.EffectiveTier is null)
            {
                Add(DiagnosticCatalogue.EnvironmentWithoutTier, environment.Name.Location,
                    $"environment '{environment.Name.Value}' has no tier, so no policy would know how strictly to hold it",
                    $"write it as {{ name: {environment.Name.Value}, tier: production }} (or staging, development)");
            }
        }
    }

    private void CheckUniqueNames()
    {
        foreach (var group in model.Resources.GroupBy(r => r.Kind))
        {
            var seen = new Dictionary<string, Resource>(StringComparer.Ordinal);
            foreach (var resource in group)
            {
                if (!seen.TryAdd(resource.Name, resource))
                {
                    Add(DiagnosticCatalogue.DuplicateName, resource.Location,
                        $"{group.Key.Name} '{resource.Name}' is declared twice (first at {Where(seen[resource.Name].Location)})",
                        "names must be unique per kind; rename one of them");
                }
            }
        }
    }

    private void CheckReferences(SpecNode node, SymbolTable scope, Resource resource)
    {
        var shape = shapes.Record(node.GetType());
        foreach (var field in shape.Fields)
        {
            if (field.Value is not (RecordShapeRef or LocatedShape or ListShape { Item: RecordShapeRef or LocatedShape } or MapShape { Value: RecordShapeRef }))
            {
                continue; // nothing below can hold a reference
            }

            var value = field.Property.GetValue(node);
            if (value is null)
            {
                continue;
            }

            var reference = field.Reference;
            foreach (var item in Items(value))
            {
                switch (item)
                {
                    case Located<string> { Value: not null } name when reference is not null:
                        Resolve(name, reference.Target, scope, resource);
                        break;
                    case PresetUse { Name: not null, Version: not null } preset:
                        CheckPreset(preset);
                        CheckReferences(preset, scope, resource);
                        break;
                    case SpecNode child:
                        CheckReferences(child, scope, resource);
                        break;
                }
            }
        }
    }

    private static IEnumerable Items(object value) => value switch
    {
        string => new[] { value },
        IDictionary dictionary => dictionary.Values,
        IEnumerable sequence => sequence,
        _ => new[] { value },
    };

    private void Resolve(Located<string> name, SymbolKind kind, SymbolTable scope, Resource resource)
    {
        var known = scope[kind];
        if (known.Contains(name.Value))
        {
            return;
        }

        var noun = kind switch
        {
            SymbolKind.MuteTimeInterval => "mute time interval",
            SymbolKind.Receiver => "receiver",
            SymbolKind.Environment => "environment",
            _ => kind.ToString(),
        };
        var where = kind switch
        {
            SymbolKind.Receiver or SymbolKind.MuteTimeInterval when resource.Spec is AlertRoutingSpec => " in this AlertRouting",
            SymbolKind.Receiver => " in any AlertRouting",
            SymbolKind.Environment => model.Project is null ? " (the default environments are dev, stage, prod)" : " in the Project's environments",
            _ => string.Empty,
        };
        var candidates = kind == SymbolKind.Environment ? environments : known.Order(StringComparer.Ordinal).ToArray();
        Add(kind == SymbolKind.Environment ? DiagnosticCatalogue.UnknownEnvironment : DiagnosticCatalogue.UnresolvedReference, name.Location,
            $"{noun} '{name.Value}' is not declared{where}", Suggestions.Hint(name.Value, candidates, noun));
    }

    private void CheckPreset(PresetUse preset)
    {
        if (!presets.Presets.TryGetValue(preset.Name, out var versions))
        {
            Add(DiagnosticCatalogue.UnresolvedReference, preset.Location, $"preset '{preset.Name}' is not in the preset catalog",
                Suggestions.Hint(preset.Name, presets.Presets.Keys.ToArray(), "preset") ?? "`telc presets list` shows the catalog");
            return;
        }

        if (presets.Find(preset.Name, preset.Version) is null)
        {
            Add(DiagnosticCatalogue.UnresolvedReference, preset.Location, $"preset '{preset.Name}' has no version matching {preset.Version}",
                "available: " + string.Join(", ", versions.Select(v => v.Version)));
        }
    }

    private void CheckBackend(Located<string>? reference, BackendUse use, string user)
    {
        if (reference is null)
        {
            return;
        }

        if (backends.TryGetValue(reference.Value, out var backend))
        {
            var type = BackendTypes.TypeOf((BackendSpec)backend.Spec);
            if (!BackendTypes.Serves(type, use))
            {
                var fitting = backends.Values.Where(b => BackendTypes.Serves(BackendTypes.TypeOf((BackendSpec)b.Spec), use)).Select(b => $"'{b.Name}'").Order(StringComparer.Ordinal).ToArray();
                Add(DiagnosticCatalogue.IncompatibleBackend, reference.Location,
                    $"backend '{reference.Value}' is {Article(BackendTypes.Name(type))}, which cannot {BackendTypes.Describe(use)} for {user}",
                    fitting.Length > 0
                        ? $"use {string.Join(" or ", fitting)}"
                        : $"declare a {string.Join(" or ", BackendTypes.Serving(use).Select(BackendTypes.Name))} backend for it");
            }
        }
    }

    private void CheckDefaultBackend(Resource resource, Located<string>? reference, BackendUse use, string field)
    {
        if (reference is not null)
        {
            return;
        }

        var candidates = BackendTypes.Candidates(model, use);
        if (candidates.Count != 1)
        {
            Add(DiagnosticCatalogue.AmbiguousBackend, resource.Location,
                candidates.Count == 0
                    ? $"{resource.DisplayName} needs a backend that can {BackendTypes.Describe(use)}, and none is declared"
                    : $"{resource.DisplayName} does not name its backend, and several can {BackendTypes.Describe(use)}: {string.Join(", ", candidates)}",
                candidates.Count == 0 ? "declare one with a Backend document" : $"set '{field}' to one of them");
        }
    }

    private void CheckKindSpecific(Resource resource)
    {
        var user = resource.DisplayName;
        if (resource.Spec is BackendSpec backend)
        {
            ResourceChecks.Check(backend, diagnostics);
        }

        switch (resource.Spec)
        {
            case MetricPipelineSpec pipeline:
                CheckBackend(pipeline.Output.Backend, BackendUse.MetricsOutput, user);
                CheckBackend(pipeline.Output.Via, BackendUse.Buffer, user);
                CheckBackend(pipeline.ScrapedBy, BackendUse.Scraper, user);
                diagnostics.AddRange(ScrapeJobChecks.Check(pipeline));
                CollectorPipelineChecks.Check(model, resource, pipeline, diagnostics);
                foreach (var pattern in pipeline.Filter?.DropMetrics ?? [])
                {
                    CheckRegex(pattern, pipeline.Filter!.Location, "dropMetrics");
                }

                break;
            case LogPipelineSpec pipeline:
                CheckBackend(pipeline.Output.Backend, BackendUse.LogsOutput, user);
                CheckBackend(pipeline.Output.Via, BackendUse.Buffer, user);
                CollectorPipelineChecks.Check(model, resource, pipeline, diagnostics);
                break;
            case TracePipelineSpec pipeline:
                CheckBackend(pipeline.Output.Backend, BackendUse.TracesOutput, user);
                CheckBackend(pipeline.Output.Via, BackendUse.Buffer, user);
                CollectorPipelineChecks.Check(model, resource, pipeline, diagnostics);
                break;
            case AlertGroupSpec group:
                CheckBackend(group.Backend, BackendUse.Rules, user);
                CheckDefaultBackend(resource, group.Backend, BackendUse.Rules, "spec.backend");
                break;
            case SloSpec slo:
                CheckBackend(slo.Backend, BackendUse.Rules, user);
                CheckDefaultBackend(resource, slo.Backend, BackendUse.Rules, "spec.backend");
                break;
            case AlertRoutingSpec routing:
                CheckBackend(routing.Backend, BackendUse.Alertmanager, user);
                CheckDefaultBackend(resource, routing.Backend, BackendUse.Alertmanager, "spec.backend");
                CheckMatchers(routing);
                break;
            case DashboardSpec dashboard:
                CheckBackend(dashboard.Grafana, BackendUse.Grafana, user);
                CheckBackend(dashboard.Datasource, BackendUse.Datasource, user);
                CheckDashboardFile(resource, dashboard.File);
                break;
            case BackendSpec { Loki: { } loki }:
                if (loki.Replicas > 1)
                {
                    Add(DiagnosticCatalogue.CannotRender, loki.Location,
                        $"{user} asks for {loki.Replicas} Loki replicas; telc renders Loki as a single binary with its data on its own volume, which runs one",
                        "set replicas: 1 (or leave it out); several replicas need object storage, which telc does not render yet");
                }

                CheckBackend(loki.Alertmanager, BackendUse.Alertmanager, user);
                break;
            case BackendSpec { Elasticsearch: { } elasticsearch }:
                ElasticsearchChecks.Check(model, resource, elasticsearch, diagnostics);
                break;
            case BackendSpec { Zipkin.Elasticsearch: { } store }:
                CheckBackend(store, BackendUse.SpanStore, user);
                break;
            case BackendSpec { Influxdb: { } influxdb }:
                InfluxDbChecks.Check(resource, influxdb, diagnostics);
                break;
            case BackendSpec { Prometheus.Alertmanager: { } alertmanager }:
                CheckBackend(alertmanager, BackendUse.Alertmanager, user);
                break;
            case BackendSpec { Grafana: { } grafana }:
                foreach (var datasource in grafana.Datasources)
                {
                    CheckBackend(datasource, BackendUse.Datasource, user);
                }

                GrafanaChecks.Check(resource, grafana, diagnostics);
                break;
            case RetentionPolicySpec retention:
                foreach (var rule in retention.Rules)
                {
                    CheckBackend(rule.Backend, BackendUse.Retention, user);
                }

                break;
            case WaiverSpec waiver when CalendarDate.Parse(waiver.Expires.Value) is null:
                Add(DiagnosticCatalogue.InvalidFormat, waiver.Expires.Location, $"'{waiver.Expires.Value}' is not a calendar date", "write the date as YYYY-MM-DD, e.g. 2026-12-31");
                break;
        }
    }

    private void CheckMatchers(AlertRoutingSpec routing)
    {
        var matchers = routing.Routes.SelectMany(r => r.WithNested).SelectMany(r => r.Matchers)
            .Concat(routing.Inhibitions.SelectMany(i => i.SourceMatchers.Concat(i.TargetMatchers)));
        foreach (var matcher in matchers)
        {
            if (AlertmanagerMatcher.Parse(matcher.Value) is not { } parsed)
            {
                Add(DiagnosticCatalogue.InvalidFormat, matcher.Location, $"'{matcher.Value}' is not a label matcher",
                    "write label, operator (=, !=, =~, !~) and a quoted value, e.g. severity=\"critical\"");
            }
            else if (parsed.Operator is "=~" or "!~")
            {
                CheckRegex(parsed.Value, matcher.Location, "this matcher");
            }
        }
    }

    /// <summary>Prometheus and Alertmanager use Go's regular expressions (RE2).</summary>
    private void CheckRegex(string pattern, SourceLocation location, string field)
    {
        if (PromQL.Re2Syntax.Validate(pattern, out _) is { } problem)
        {
            Add(DiagnosticCatalogue.InvalidFormat, location, $"'{pattern}' in {field} is not a valid regular expression", problem);
        }
    }

    private void CheckDashboardFile(Resource resource, Located<string>? file)
    {
        if (file is null)
        {
            return;
        }

        var resolved = Dashboards.DashboardSources.FilePath(resource, file.Value);
        if (resolved is null)
        {
            Add(DiagnosticCatalogue.MissingFile, file.Location, $"dashboard file '{file.Value}' is outside the spec root",
                "put the JSON file under the spec root; the path is relative to this document's file");
        }
        else if (!resolved.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            Add(DiagnosticCatalogue.MissingFile, file.Location, $"dashboard file '{file.Value}' is not a .json file",
                "export the dashboard from Grafana as JSON ('Share' → 'Export')");
        }
        else if (!files.Contains(resolved))
        {
            var siblings = files.Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).ToArray();
            var closest = Suggestions.Closest(resolved, siblings);
            const string Relative = "path is relative to this document's file; an empty file, a FIFO or device, and a link out of the spec root count as missing";
            Add(DiagnosticCatalogue.MissingFile, file.Location, $"dashboard file '{resolved}' does not exist",
                closest is not null ? $"did you mean '{closest}'? The {Relative}" : $"the {Relative}");
        }
    }

    private static bool IsInTeamFolder(Resource resource) => TeamFolder(resource) is not null;

    private static string? TeamFolder(Resource resource)
    {
        var parts = resource.File.SpecPath.Split('/');
        return parts.Length >= 3 && parts[0] == "teams" ? parts[1] : null;
    }

    private void CheckTeamFolder(Resource resource)
    {
        if (TeamFolder(resource) is not { } team)
        {
            return;
        }

        var declaredTeam = resource.Metadata.Team;
        if (!resource.Kind.AllowedInTeamFolder)
        {
            Add(DiagnosticCatalogue.KindNotAllowedInTeamFolder, resource.Location,
                $"{resource.Kind.Name} is a platform kind and cannot be declared in a team folder (teams/{team}/)",
                "team folders hold AlertGroup, SLO, Dashboard, Team and Waiver documents; move this one out of teams/");
        }
        else if (resource.Spec is TeamSpec && resource.Name != team)
        {
            Add(DiagnosticCatalogue.TeamFolderOwner, resource.Location, $"Team '{resource.Name}' is declared in the folder of team '{team}'",
                $"move it to teams/{resource.Name}/");
        }
        else if (resource.Spec is TeamSpec && declaredTeam is not null && declaredTeam.Value != team)
        {
            Add(DiagnosticCatalogue.TeamFolderOwner, declaredTeam.Location, $"Team '{team}' names '{declaredTeam.Value}' as its owner",
                $"remove 'team' from its metadata, or set it to '{team}'");
        }
        else if (resource.Spec is not TeamSpec && declaredTeam is null)
        {
            Add(DiagnosticCatalogue.TeamFolderOwner, resource.Location, $"{resource.DisplayName} is in teams/{team}/ but has no metadata.team",
                $"add 'team: {team}' to its metadata");
        }
        else if (resource.Spec is not TeamSpec && declaredTeam!.Value != team)
        {
            Add(DiagnosticCatalogue.TeamFolderOwner, declaredTeam.Location,
                $"{resource.DisplayName} is in teams/{team}/ but names team '{declaredTeam.Value}'",
                $"set 'team: {team}', or move the file to teams/{declaredTeam.Value}/");
        }
    }

    private IReadOnlySet<string> Names<TSpec>()
        where TSpec : SpecNode => model.OfKind<TSpec>().Select(r => r.Resource.Name).ToHashSet(StringComparer.Ordinal);

    private static string Article(string type) => ("aeiou".Contains(type[0]) ? "an " : "a ") + type;

    private static string Where(SourceLocation location) => $"{location.File.Path}:{location.Start.Line}";

    private void Add(DiagnosticDescriptor descriptor, SourceLocation location, string message, string? hint) =>
        diagnostics.Add(Diagnostic.At(descriptor, location, message, hint));
}
