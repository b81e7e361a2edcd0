using System.Collections.Concurrent;
using System.Collections.Immutable;
using Telc.Emit.Alertmanager;
using Telc.Model;
using Telc.Parsing;
using Telc.PromQL;
using Telc.Spec;
using Telc.Spec.Kinds;
using Telc.Spec.Values;

namespace Telc.Policies;

/// <summary>What a policy sees: the bound spec, the objects rendered for every cluster, and its options.</summary>
/// <param name="compilation">The spec's model and plans (none when the spec has errors); its objects are emitted on
/// first use, as most policies read only the spec.</param>
public sealed class PolicyContext(Compilation compilation, ImmutableSortedDictionary<string, string> options, ImmutableArray<PolicyOption> declared = default)
{
    private readonly Lazy<AlertDeliveries> deliveries = new(() => new AlertDeliveries(compilation.Clusters));
    private readonly Lazy<Dictionary<string, Receiver>> receivers = new(() => compilation.Model.OfKind<AlertRoutingSpec>()
        .SelectMany(r => r.Spec.Receivers)
        .DistinctBy(r => r.Name.Value, StringComparer.Ordinal) // the first of a name, as before; a duplicate is reported elsewhere
        .ToDictionary(r => r.Name.Value, StringComparer.Ordinal));
    private readonly ConcurrentDictionary<string, Expr?> queries = new(StringComparer.Ordinal);
    private readonly Lazy<Dictionary<string, string>> clusterEnvironments = new(() => compilation.Model.OfKind<ClusterSpec>()
        .DistinctBy(c => c.Resource.Name, StringComparer.Ordinal) // a duplicate is reported elsewhere
        .ToDictionary(c => c.Resource.Name, c => c.Spec.Environment.Value, StringComparer.Ordinal));

    public SpecModel Spec { get; } = compilation.Model;

    /// <summary>Every rendered object of every cluster; empty when the spec has errors and nothing renders.</summary>
    public ImmutableArray<RenderedObject> Objects => compilation.Objects;

    /// <summary>The options the Project sets for this policy (<c>policies.&lt;id&gt;.options</c>).</summary>
    public ImmutableSortedDictionary<string, string> Options { get; } = options;

    /// <summary>
    /// Every alerting and recording rule the spec writes, with its group. A preset's rules are the catalog's, checked by
    /// its own tests: a finding on them would point at no line the spec's authors can change.
    /// </summary>
    public IEnumerable<RuleInGroup> Rules =>
        Spec.OfKind<AlertGroupSpec>().Where(g => g.Resource.Origin is null).SelectMany(g => g.Spec.Rules.Select(r => new RuleInGroup(g.Resource, g.Spec, r)));

    /// <summary>Every alerting rule, with its group.</summary>
    public IEnumerable<RuleInGroup> Alerts => Rules.Where(r => r.Rule.Alert is not null);

    /// <summary>Every string value of every document, with its key path: what a scan for pasted credentials reads.</summary>
    public IEnumerable<SpecString> Strings =>
        Spec.Resources.Where(r => r.Origin is null).SelectMany(r => Scalars(r.Document.Root, string.Empty).Select(s => new SpecString(r, s.Path, s.Node.Value, r.File.Locate(s.Node.Span))));

    /// <summary>A comma-separated option as its items, blanks dropped: "critical, warning" gives critical and warning.</summary>
    public IReadOnlyList<string> OptionList(string name) =>
        Option(name).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The option as the Project sets it, else the default the policy declares for it.</summary>
    public string Option(string name) =>
        Options.GetValueOrDefault(name)
        ?? (declared.IsDefault ? null : declared.FirstOrDefault(o => o.Name == name)?.Default)
        ?? throw new InvalidOperationException($"option '{name}' is not declared in the policy's Info");

    /// <summary>
    /// Where an alerting rule goes in each cluster it is rendered for: the labels Alertmanager receives and the receivers
    /// the rendered routing picks for them. None when the rule is rendered nowhere (or the spec has errors).
    /// </summary>
    public IEnumerable<AlertDelivery> Deliveries(RuleInGroup alert) => deliveries.Value.Of(alert.Rule);

    /// <summary>
    /// The receivers an alert with exactly these labels reaches through the rendered routing of any Alertmanager, as
    /// Alertmanager routes it (Team routes included): the first matching route, and the ones after it while routes
    /// say continue; the default receiver when none matches.
    /// </summary>
    public IEnumerable<string> ReceiversFor(IReadOnlyDictionary<string, string> labels) =>
        deliveries.Value.Routers().SelectMany(r => r.Receivers(labels)).Distinct(StringComparer.Ordinal);

    /// <summary>The receiver of that name in any AlertRouting document, or null.</summary>
    public Receiver? Receiver(string name) => receivers.Value.GetValueOrDefault(name);

    /// <summary>The query parsed, or null when it does not parse (telc reports that itself).</summary>
    public Expr? Query(Located<string> query) =>
        queries.GetOrAdd(query.Value, text => Parser.Parse(text) is { Success: true, Root: { } root } ? root : null);

    /// <summary>The environment a cluster belongs to (dev, stage, prod…), or null for an unknown cluster.</summary>
    public string? EnvironmentOf(string cluster) => clusterEnvironments.Value.GetValueOrDefault(cluster);

    /// <summary>
    /// The tier of an environment as the Project declares it: "production", "staging" or "development" (the words
    /// policy options use); null for an environment the Project does not declare.
    /// </summary>
    public string? TierOf(string environment) => Spec.TierOf(environment)?.ToString().ToLowerInvariant();

    /// <summary>
    /// Whether an environment is held to a rule whose options name tiers (e.g. "production") and environments (by name):
    /// the Project's tiers decide, so environments called production, live or prod-eu are held alike.
    /// </summary>
    public bool IsHeld(string environment, IReadOnlyList<string> tiers, IReadOnlyList<string> environments) =>
        environments.Contains(environment) || (TierOf(environment) is { } tier && tiers.Contains(tier));

    /// <summary>The environments the clusters belong to, in name order.</summary>
    public IReadOnlyList<string> Environments => [.. clusterEnvironments.Value.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The environments of the clusters a backend is deployed to or used from (all clusters when it names none), in name order.</summary>
    public IReadOnlyList<string> EnvironmentsOf(BackendSpec backend) =>
        backend.Clusters.IsDefaultOrEmpty
            ? Environments
            : [.. backend.Clusters.Select(c => EnvironmentOf(c.Value)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static IEnumerable<(string Path, YamlScalar Node)> Scalars(YamlNode node, string path) => node switch
    {
        YamlScalar { Type: ScalarType.String } scalar => [(path, scalar)],
        YamlMapping mapping => mapping.Entries.SelectMany(e => Scalars(e.Value, path.Length == 0 ? e.Key.Value : $"{path}.{e.Key.Value}")),
        YamlSequence sequence => sequence.Items.SelectMany((item, i) => Scalars(item, $"{path}[{i}]")),
        _ => [],
    };

    public PolicyFinding Finding(Resource resource, string message, string? hint = null) =>
        new(resource.Location, resource.DisplayName, message, hint);

    /// <summary>A finding at one value of a document, with <paramref name="item"/> naming it in the target.</summary>
    public PolicyFinding Finding(Resource resource, string item, Located<string> at, string message, string? hint = null) =>
        new(at.Location, $"{resource.DisplayName}/{item}", message, hint);

    /// <summary>
    /// A finding about one value of a document, at that value's line: <paramref name="path"/> is its dotted path under
    /// <c>spec</c> (e.g. <c>prometheus.replicas</c>, or <c>rules.2.duration</c> for an item of a list). Where the value is
    /// left out (a default applies), the finding points at the nearest enclosing value that is written. The waiver target
    /// is the document's, or <c>&lt;document&gt;/&lt;item&gt;</c> with <paramref name="item"/>.
    /// </summary>
    public PolicyFinding FindingAt(Resource resource, string path, string message, string? hint = null, string? item = null) =>
        new(Locate(resource, path), item is null ? resource.DisplayName : $"{resource.DisplayName}/{item}", message, hint);

    private static Text.SourceLocation Locate(Resource resource, string path)
    {
        var node = (resource.Document.Root as YamlMapping)?.Find("spec")?.Value;
        var found = node;
        foreach (var key in path.Split('.'))
        {
            node = node switch
            {
                YamlMapping mapping => mapping.Find(key)?.Value,
                YamlSequence sequence when int.TryParse(key, out var index) && index >= 0 && index < sequence.Items.Length => sequence.Items[index],
                _ => null,
            };
            if (node is null)
            {
                break;
            }

            found = node;
        }

        return found is null ? resource.Location : resource.File.Locate(found.Span);
    }

    public PolicyFinding Finding(RuleInGroup rule, string message, string? hint = null) =>
        new(rule.Rule.Name.Location, rule.Target, message, hint);

    public PolicyFinding Finding(RenderedObject rendered, string message, string? hint = null) =>
        new(rendered.Source, rendered.Target, message, hint);
}
