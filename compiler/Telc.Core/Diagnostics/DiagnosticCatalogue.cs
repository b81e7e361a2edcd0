namespace Telc.Diagnostics;

/// <summary>
/// Every diagnostic code telc can report. Codes are never renumbered or reused:
/// TELC1xx reading, syntax and schema; TELC2xx semantic checks; TELC3xx queries (PromQL, LogQL from TELC310); TELC4xx policies; TELC5xx emit.
/// </summary>
public static class DiagnosticCatalogue
{
    private const DiagnosticLevel Error = DiagnosticLevel.Error;
    private const DiagnosticLevel Warning = DiagnosticLevel.Warning;

    // Reading sources.
    public static readonly DiagnosticDescriptor NoDocuments = new("TELC100", "No spec documents found", Error,
        "telc found no spec document under the spec root, so nothing was checked; a CI job must not pass on an empty spec. Point telc at the folder that holds the spec.");
    public static readonly DiagnosticDescriptor FileUnreadable = new("TELC101", "File cannot be read", Error,
        "A spec file or a symbolic link could not be read (permissions, a dangling link, a link cycle, or an I/O error).");
    public static readonly DiagnosticDescriptor FileTooLarge = new("TELC102", "File is too large", Error,
        "Spec files larger than 16 MiB are refused before they are read, to keep runs bounded. Split the file.");
    public static readonly DiagnosticDescriptor InvalidEncoding = new("TELC103", "File is not valid UTF-8", Error,
        "Spec files must be UTF-8 text (a byte-order mark is fine; UTF-16 with a byte-order mark is accepted too). The position is that of the first invalid byte.");
    public static readonly DiagnosticDescriptor SymlinkOutsideRoot = new("TELC104", "Symbolic link points outside the spec root", Error,
        "A symbolic link under the spec root points outside it. Links may only point inside the spec root, so a spec cannot read files it does not own.");
    public static readonly DiagnosticDescriptor EmptyFile = new("TELC105", "File holds no YAML document", Warning,
        "The file holds no YAML document (it is empty or only comments). Remove it or add a document.");

    // YAML syntax.
    public static readonly DiagnosticDescriptor YamlSyntax = new("TELC110", "Invalid YAML", Error,
        "The file is not valid YAML. The rest of the file is skipped until it is fixed; earlier documents are still checked.");
    public static readonly DiagnosticDescriptor TabIndentation = new("TELC111", "Tab used for indentation", Error,
        "YAML forbids tabs for indentation. Replace the tab with spaces.");
    public static readonly DiagnosticDescriptor DuplicateKey = new("TELC112", "Duplicate mapping key", Error,
        "A mapping has the same key twice; YAML parsers disagree on which one wins, so telc refuses it.");
    public static readonly DiagnosticDescriptor AliasExpansionTooLarge = new("TELC113", "Aliases expand to too many nodes", Error,
        "Anchors and aliases expand to more than 1,000,000 nodes (a 'billion laughs' document). telc stops reading the document without expanding it.");
    public static readonly DiagnosticDescriptor NestingTooDeep = new("TELC114", "YAML nested too deeply", Error,
        "Mappings and lists are nested more than 100 levels deep. No spec needs this; telc stops reading the document.");
    public static readonly DiagnosticDescriptor UnsupportedTag = new("TELC115", "Unsupported YAML tag", Error,
        "Only the YAML core tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq) are read; other tags could mean code execution elsewhere and are refused.");
    public static readonly DiagnosticDescriptor JsonSyntax = new("TELC117", "Invalid JSON", Error,
        "A JSON file a document names (a Grafana dashboard) is not valid JSON: RFC 8259 without comments or trailing commas, each key once per object, nested at most 100 levels. telc stops reading the file at the first problem.");
    public static readonly DiagnosticDescriptor ComplexKey = new("TELC116", "Mapping key is not a plain value", Error,
        "A mapping key must be a plain value; lists, mappings and aliases as keys are not supported.");

    // Document envelope and schema.
    public static readonly DiagnosticDescriptor DocumentNotMapping = new("TELC120", "Document is not a mapping", Error,
        "A spec document is a mapping with apiVersion, kind, metadata and spec.");
    public static readonly DiagnosticDescriptor MissingEnvelopeField = new("TELC121", "Document lacks apiVersion or kind", Error,
        "Every spec document starts with apiVersion: telc.io/v1alpha1 and a kind.");
    public static readonly DiagnosticDescriptor UnknownApiVersion = new("TELC122", "Unknown apiVersion", Error,
        "telc reads apiVersion telc.io/v1alpha1 documents.");
    public static readonly DiagnosticDescriptor UnknownKind = new("TELC123", "Unknown kind", Error,
        "The kind is not one of telc's kinds: Project, Cluster, Backend, MetricPipeline, LogPipeline, TracePipeline, AlertGroup, SLO, AlertRouting, Dashboard, RetentionPolicy, Team, Waiver.");
    public static readonly DiagnosticDescriptor UnknownProperty = new("TELC130", "Unknown field", Error,
        "The field is not part of the schema at this place. Unknown fields are errors so that typos never pass silently.");
    public static readonly DiagnosticDescriptor WrongType = new("TELC131", "Value has the wrong type", Error,
        "The value has the wrong YAML type (for example a quoted number where a number is expected, or yes/no where true/false is expected).");
    public static readonly DiagnosticDescriptor MissingProperty = new("TELC132", "Required field is missing", Error,
        "A required field is missing.");
    public static readonly DiagnosticDescriptor ValueNotAllowed = new("TELC133", "Value is not one of the allowed values", Error,
        "The value is not one of the values this field allows.");
    public static readonly DiagnosticDescriptor InvalidFormat = new("TELC134", "Value does not have the expected format", Error,
        "The value does not have the expected form (a name, a URL, a label matcher, a regular expression, a date).");
    public static readonly DiagnosticDescriptor OutOfRange = new("TELC135", "Value is out of range", Error,
        "The number or duration is outside the range this field allows.");
    public static readonly DiagnosticDescriptor ExactlyOneOf = new("TELC136", "Exactly one of several fields must be set", Error,
        "Some fields are a choice (the type of a backend, the integration of a receiver, alert or record): exactly one of them must be set.");
    public static readonly DiagnosticDescriptor DuplicateListItem = new("TELC137", "Duplicate item in a list", Error,
        "Two items of a list have the same name.");

    // Semantic checks.
    public static readonly DiagnosticDescriptor DuplicateName = new("TELC200", "Name declared twice", Error,
        "Two documents of the same kind have the same name; names must be unique per kind.");
    public static readonly DiagnosticDescriptor UnresolvedReference = new("TELC201", "Reference does not resolve", Error,
        "A reference names a backend, cluster, team, receiver, mute time interval or preset that is not declared.");
    public static readonly DiagnosticDescriptor InvalidDuration = new("TELC202", "Invalid duration", Error,
        "Durations are written as Prometheus writes them: numbers with units y, w, d, h, m, s, ms, largest first, for example 15d or 1h30m.");
    public static readonly DiagnosticDescriptor InvalidSize = new("TELC203", "Invalid size", Error,
        "Sizes are a number and a unit: B, KB, MB, GB, TB, PB count in 1000s; KiB…PiB and Kubernetes' Ki…Pi count in 1024s.");
    public static readonly DiagnosticDescriptor UnknownEnvironment = new("TELC204", "Unknown environment", Error,
        "A cluster or retention rule names an environment the Project does not declare (by default dev, stage and prod).");
    public static readonly DiagnosticDescriptor TeamFolderOwner = new("TELC205", "Document in a team folder belongs to another team", Error,
        "Documents under teams/<team>/ belong to that team: their metadata.team must name it, and a Team there must be that team.");
    public static readonly DiagnosticDescriptor KindNotAllowedInTeamFolder = new("TELC206", "Kind not allowed in a team folder", Error,
        "Team folders hold only team-owned kinds (AlertGroup, SLO, Dashboard, Team, Waiver); platform kinds live outside teams/.");
    public static readonly DiagnosticDescriptor MultipleProjects = new("TELC207", "More than one Project", Error,
        "A spec has at most one Project document.");
    public static readonly DiagnosticDescriptor IncompatibleBackend = new("TELC208", "Backend cannot serve this use", Error,
        "The referenced backend cannot serve this use (for example a Grafana as a metric pipeline's output, or a Prometheus as an Alertmanager).");
    public static readonly DiagnosticDescriptor AmbiguousBackend = new("TELC209", "Backend must be named", Error,
        "A backend may be left out only when exactly one declared backend fits; name it otherwise.");
    public static readonly DiagnosticDescriptor InvalidPresetReference = new("TELC210", "Invalid preset reference", Error,
        "A preset is written as name@version (for example kubernetes@1) or as a mapping with name and version.");
    public static readonly DiagnosticDescriptor RoutingConflict = new("TELC212", "Two AlertRoutings configure one Alertmanager", Error,
        "An Alertmanager has one configuration, so at most one AlertRouting may target it; merge their receivers and routes.");
    public static readonly DiagnosticDescriptor RenderedNameConflict = new("TELC213", "Rendered names collide", Error,
        "Two documents would render objects or scrape jobs with the same name, and one would silently replace the other; rename one of them.");
    public static readonly DiagnosticDescriptor RenderedNameTooLong = new("TELC214", "Rendered name too long", Error,
        "Kubernetes names and label values are at most 63 characters; a name in the spec becomes part of longer rendered names.");
    public static readonly DiagnosticDescriptor InvalidForConsumer = new("TELC215", "Value the consuming tool refuses", Error,
        "Prometheus, Alertmanager or Kubernetes would refuse this value at load time: a label name, a regular expression, a host:port, a time window, a time zone.");
    public static readonly DiagnosticDescriptor InlineCredential = new("TELC216", "Credential written in the spec", Error,
        "Secret values are never rendered: a URL with a user and password, or a token in a URL, must come from a Secret (the *SecretRef fields).");
    public static readonly DiagnosticDescriptor GoesNowhere = new("TELC217", "Configuration that has no effect", Warning,
        "Something is declared but nothing will use it in any cluster: alerts no Alertmanager receives, a pipeline with no scraper, a namespace filter that selects nothing.");
    public static readonly DiagnosticDescriptor EnvironmentWithoutTier = new("TELC218", "Environment without a tier", Error,
        "The built-in policies and diff's risk classes go by an environment's tier (production, staging, development), not by its name. A name that does not say its tier (prod, staging, dev…) needs one: { name: live, tier: production }.");
    public static readonly DiagnosticDescriptor DerivedMetricMisnamed = new("TELC219", "Query misses a metric derived from logs", Warning,
        "A rule selects a name close to a metric a log pipeline derives, but not that name, or a derived histogram without its _bucket, _sum or _count series; the rule would never see the pipeline's data.");
    public static readonly DiagnosticDescriptor RetentionNotEnforced = new("TELC220", "Retention no store enforces", Error,
        "Retention is one policy: every RetentionPolicy rule must reach a store telc runs that keeps its signal where the rule applies, and its size and team must be something such a store enforces (Prometheus and a Kafka topic delete by size, Loki keeps a team's streams apart; a Kafka takes only the rules naming it); a rule or a backend retention nothing enforces would delete nothing while it says otherwise.");
    public static readonly DiagnosticDescriptor UnsharedStoreReplicas = new("TELC221", "More replicas than the store can share", Error,
        "The backend keeps its state in a store only one process may open (Grafana's SQLite database on its volume), so it runs one replica; more would each keep a database of their own or corrupt a shared one.");
    public static readonly DiagnosticDescriptor InvalidPreset = new("TELC230", "Preset is not well formed", Error,
        "A preset folder of a catalog (presets/<name>/) must hold one Preset manifest named like the folder, with AlertGroups that name no backend, option references ${name} to declared options, control-plane parts that exist, and a version no other folder of the catalogs has; a Preset document belongs in such a folder and nowhere else in the spec.");
    public static readonly DiagnosticDescriptor PresetDoesNotFit = new("TELC231", "Preset does not fit the cluster", Warning,
        "The preset says which platforms it fits and which MetricPipeline inputs its rules read; on another platform, or in a cluster where no pipeline collects such an input into its Prometheus, its alerts would watch metrics that never arrive.");
    public static readonly DiagnosticDescriptor OverrideDoesNotApply = new("TELC232", "Preset override cannot apply", Error,
        "An override changes what the preset has: a threshold needs an alert whose expression compares with a number, and a preset's rules need a Prometheus in every cluster that switches it on.");
    public static readonly DiagnosticDescriptor MetricNotDelivered = new("TELC233", "Rule selects a metric nothing delivers", Warning,
        "An alerting or recording rule selects a metric that nothing feeding its Prometheus delivers in a cluster: a preset that declares it is not switched on there, the pipeline input of its exporter is off, a pipeline's filter drops it, no recording rule records it, or the name is a misspelling of one telc knows. The rule would never see data. Metrics telc cannot know (an application's own, scraped by annotations or pushed over OTLP) are not reported; waive a finding for a metric that arrives some other way.");
    public static readonly DiagnosticDescriptor DeadMansSwitchUnrouted = new("TELC234", "Dead man's switch routed like any alert", Warning,
        "The Watchdog alert fires all the time so that its silence is the alarm; it must go to a receiver that expects it (a heartbeat) on a route of its own, not to the receivers every other alert reaches.");
    public static readonly DiagnosticDescriptor MissingFile = new("TELC211", "Referenced file does not exist", Error,
        "A file the spec refers to (such as a dashboard JSON file) does not exist under the spec root, or is not the right kind of file.");

    // PromQL.
    public static readonly DiagnosticDescriptor PromQLSyntax = new("TELC300", "PromQL does not parse", Error,
        "The query is not valid PromQL; Prometheus would refuse to load it. The position is that of the first error.");
    public static readonly DiagnosticDescriptor PromQLType = new("TELC301", "PromQL type error", Error,
        "The query parses but mixes types in a way Prometheus refuses, e.g. rate() of an instant vector or a comparison of two scalars without bool.");
    public static readonly DiagnosticDescriptor PromQLResultType = new("TELC302", "Query returns the wrong type for its use", Error,
        "Alerting rules need an instant vector; recording rules an instant vector or a scalar.");

    public static readonly DiagnosticDescriptor RateOfNonCounter = new("TELC303", "rate() of something that is not a counter", Warning,
        "rate, irate and increase are for counters, whose names end in _total, _count, _sum or _bucket; for a gauge use deriv or delta.");
    public static readonly DiagnosticDescriptor RangeTooShort = new("TELC304", "Range shorter than two scrapes", Warning,
        "rate and its kin need at least two samples in the range; a range shorter than two scrape intervals returns nothing on some evaluations.");
    public static readonly DiagnosticDescriptor RegexMatchesEverything = new("TELC305", "Regular expression matches everything", Warning,
        "A =~\".*\" matcher matches every value, including none; it selects nothing more and can be removed.");
    public static readonly DiagnosticDescriptor AbsentMisuse = new("TELC306", "absent() of an expression", Warning,
        "absent() of an aggregation, a function or an operation only says that the whole expression is empty, and returns no labels to tell which series is missing; give it a selector.");
    public static readonly DiagnosticDescriptor AlertTemplate = new("TELC307", "Invalid alert template", Error,
        "Alert labels and annotations are Go templates; an unclosed action or a function Prometheus does not define fails when the alert fires.");

    // LogQL.
    public static readonly DiagnosticDescriptor LogQLSyntax = new("TELC310", "LogQL does not parse", Error,
        "The query breaks LogQL's grammar; Loki would refuse to load the rule, and Grafana shows an error instead of the panel. The position is that of the first error.");
    public static readonly DiagnosticDescriptor LogQLRefused = new("TELC311", "Loki refuses the query", Error,
        "The query is well-formed, but Loki refuses it when it builds it: a stream selector that could match every stream, a missing or extra parameter, a grouping or unwrap the function does not take, a regular expression Go refuses, a pattern without captures.");
    public static readonly DiagnosticDescriptor UnindexedStreamLabel = new("TELC312", "Stream selector on a label Loki does not index", Warning,
        "A stream selector {…} matches index labels only; the Loki telc renders indexes the OTLP resource attributes listed in the README (service_name, k8s_namespace_name, k8s_container_name …), so a matcher that needs any other label selects no stream. Filter other fields after the selector, e.g. {service_name=\"api\"} | k8s_pod_name=\"api-0\".");
    public static readonly DiagnosticDescriptor NotADashboard = new("TELC320", "Not a Grafana dashboard", Error,
        "A dashboard file is valid JSON but not a dashboard Grafana can show: the file is not one object, or its panels, rows or targets are not lists. Export the dashboard from Grafana again.");
    public static readonly DiagnosticDescriptor RemovedPanelType = new("TELC321", "Panel type Grafana no longer ships", Warning,
        "The panel is an Angular one (graph, singlestat, table-old, the old pie chart and world map plugins), which Grafana 12 no longer has: it swaps the panel for its successor when the dashboard loads, so what users see is not what the file says. Change the panel's type in the file.");
    public static readonly DiagnosticDescriptor UnresolvedDatasource = new("TELC322", "Data source resolves to nothing", Warning,
        "A panel or query names a data source that none of the Grafana's provisioned data sources is: an unknown uid or name, a plugin type no backend of the cluster has, or an undefined variable. Grafana would show an error in the panel. Point it at a backend the Grafana reads, or leave the data source out to use the dashboard's.");
    public static readonly DiagnosticDescriptor UndefinedVariable = new("TELC323", "Dashboard variable is not defined", Warning,
        "A query uses a template variable ($name, ${name}, [[name]]) that the dashboard does not define and Grafana does not provide; Grafana sends it as written and the query fails or selects nothing. Define the variable under templating, or write the value.");
    public static readonly DiagnosticDescriptor QueryNotChecked = new("TELC324", "Query passed to its data source unchecked", DiagnosticLevel.Info,
        "telc parses PromQL and LogQL; queries in other languages (Lucene for Elasticsearch, TraceQL for Tempo, Flux for InfluxDB, Jaeger and Zipkin searches) are rendered as written without being checked.");
    public static readonly DiagnosticDescriptor UndeliveredMetric = new("TELC325", "Panel queries a metric no pipeline delivers", Warning,
        "A panel queries a metric whose name says which exporter makes it (node_* node-exporter, kube_* kube-state-metrics, container_* and kubelet_* the kubelet and cAdvisor, istio_* and envoy_* Istio), but no MetricPipeline of the cluster collects that exporter into the Prometheus the panel reads, so the panel stays empty there.");

    // Policies. A policy's own findings carry the policy id as their code.
    public static readonly DiagnosticDescriptor PolicyDoesNotCompile = new("TELC401", "Policy does not compile", Error,
        "A policy file under policies/ is not valid C#, or does not fit the policy API; no policy runs until every policy file compiles.");
    public static readonly DiagnosticDescriptor PolicyOutsideSandbox = new("TELC402", "Policy uses what policies may not", Error,
        "Policies may come from a pull request, so they may use only collections, LINQ, strings, numbers, regular expressions, the spec model and the policy API: no files, network, processes, environment, reflection, threads, interop, dynamic or unsafe code, and #load only of other policy files.");
    public static readonly DiagnosticDescriptor PolicyTimedOut = new("TELC403", "Policy ran out of time", Error,
        "Each policy has a time budget; one that runs longer is stopped and the other policies still run. An endless loop or an expensive query over every rendered object is the usual cause.");
    public static readonly DiagnosticDescriptor PolicyFailed = new("TELC404", "Policy failed", Error,
        "The policy exceeded its memory budget or crashed its worker, or the worker ended before it ran; its findings are missing, and the other policies still ran. (A policy that throws is reported under its own id.)");
    public static readonly DiagnosticDescriptor PolicyWorkerUnavailable = new("TELC405", "Policies cannot run", Error,
        "telc runs policies in a separate worker process (telc-policy, installed beside telc, or named by TELC_POLICY_WORKER); it was not found or did not start, so no policy ran.");
    public static readonly DiagnosticDescriptor WaiverExpired = new("TELC406", "Waiver expired", Error,
        "A waiver accepts one policy finding until its expiry date. Past that date it waives nothing, and the finding it covered is reported again.");
    public static readonly DiagnosticDescriptor WaiverUnused = new("TELC407", "Waiver matches no finding", Warning,
        "A waiver whose policy reports nothing for its target is left over (the problem was fixed) or mistyped (the policy id or target differs from the finding's).");
    public static readonly DiagnosticDescriptor UnknownPolicySetting = new("TELC408", "Unknown policy or policy option", Warning,
        "The Project's policies section names a policy that does not exist, or an option the policy does not declare; the setting has no effect.");

    // Rendering.
    public static readonly DiagnosticDescriptor MissingRenderSetting = new("TELC500", "Rendering needs a setting", Error,
        "The spec is valid, but rendering it needs a setting it leaves out, such as the repository URL for Argo CD Applications.");
    public static readonly DiagnosticDescriptor ConfigMapTooLarge = new("TELC502", "Rendered file too large for a ConfigMap", Error,
        "Kubernetes refuses ConfigMaps over 1 MiB. Rule files are spread over several ConfigMaps, but one AlertGroup must fit in one; split the group.");
    public static readonly DiagnosticDescriptor RenderedConfigRefused = new("TELC503", "Rendered config fails its consumer's schema", Error,
        "Every rendered OpenTelemetry Collector, Fluent Bit, Loki, Tempo and Jaeger config, and Grafana's provisioning files, are checked against the schemas derived from the pinned versions' sources: unknown keys, wrong types, undefined or unused components, incomplete pipelines, connectors on the wrong signal, port clashes, records no output takes. A failure is a telc bug; nothing is written.");
    public static readonly DiagnosticDescriptor CannotRender = new("TELC504", "Setting this version cannot render", Error,
        "The spec asks for something this version of telc cannot render (a Prometheus-scraped pipeline through Kafka, a nested key in a Fluent Bit parser); it is refused rather than dropped, so nothing the spec says is lost.");
    public static readonly DiagnosticDescriptor NotRenderedYet = new("TELC501", "Not rendered by this version", DiagnosticLevel.Info,
        "The document is checked, but this version of telc renders only the metrics and alerting stack (Prometheus, Alertmanager, node-exporter, kube-state-metrics, rules and routing) the OpenTelemetry Collector agent and gateway and Fluent Bit (log, trace and OTLP metric pipelines), Loki, Tempo, Jaeger, Zipkin, Elasticsearch with Kibana, Kafka as a buffer, InfluxDB, and Grafana with its datasources (not yet dashboards); nothing is rendered for it yet.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        typeof(DiagnosticCatalogue).GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray();
}
