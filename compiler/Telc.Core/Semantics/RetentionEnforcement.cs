using Telc.Diagnostics;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Semantics;

/// <summary>
/// Retention is one policy, and a rule no store can enforce is an error, not a silent no-op (TELC220): every
/// RetentionPolicy rule must reach a store of its signal deployed where the rule applies (a rule for an environment
/// that has no cluster yet waits for one), and a size or a team it sets
/// must be something one of those stores can enforce. What each store can enforce is <see cref="StoreRetention.Of"/>;
/// the stores that delete by age only take no size in their own retention settings.
/// </summary>
public static class RetentionEnforcement
{
    public static IReadOnlyList<Diagnostic> Check(SpecModel model)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var (resource, policy) in model.OfKind<RetentionPolicySpec>())
        {
            // A rule naming a backend that does not exist or keeps no data has its own error (TELC201, TELC208).
            foreach (var rule in policy.Rules.Where(r => r.Backend is null || BackendTypes.Named(model, r.Backend.Value) is { } b && BackendTypes.Serves(BackendTypes.TypeOf(b), BackendUse.Retention)))
            {
                var where = rule.Environment is { } environment ? $" in environment '{environment.Value}'" : string.Empty;
                var stores = Stores(model, rule).ToArray();
                if (stores.Length == 0 && Dormant(model, rule))
                {
                    continue;
                }

                if (stores.Length == 0 && rule.Backend is { } kafka && BackendTypes.Named(model, kafka.Value) is { Kafka: not null })
                {
                    diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.RetentionNotEnforced, kafka.Location,
                        $"this {Name(rule.Signal)} rule names Kafka '{kafka.Value}', which no {Name(rule.Signal)} pipeline writes to{where}, so it deletes nothing",
                        $"name the Kafka in a rule for a signal it buffers, or pass a {Name(rule.Signal)} pipeline through it (output.via: {kafka.Value})"));
                    continue;
                }

                if (stores.Length == 0)
                {
                    var kinds = string.Join(", ", StoreRetention.Keeping(rule.Signal));
                    diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.RetentionNotEnforced, rule.Backend?.Location ?? rule.Location,
                        rule.Backend is { } named
                            ? $"this {Name(rule.Signal)} rule names backend '{named.Value}', which keeps no {Name(rule.Signal)} telc can delete by age{where}, so it deletes nothing"
                            : $"no store that telc runs keeps {Name(rule.Signal)}{where}, so this rule deletes nothing",
                        $"deploy a store of {Name(rule.Signal)} ({kinds}) where the rule applies, or remove the rule (an external backend keeps data as its own settings say)"));
                    continue;
                }

                if (rule.Size is { } size && !stores.Any(s => s.Retention.BySize))
                {
                    diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.RetentionNotEnforced, rule.Location,
                        $"size {size} of this {Name(rule.Signal)} rule is enforced by none of the stores it reaches: {Names(stores)} {Verb(stores, "deletes", "delete")} {Name(rule.Signal)} by age only",
                        "leave size out and bound the data by duration"));
                }

                if (rule.Team is { } team && !stores.Any(s => s.Retention.ByTeam))
                {
                    diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.RetentionNotEnforced, team.Location,
                        $"none of the stores this {Name(rule.Signal)} rule reaches keeps team '{team.Value}' apart: {Names(stores)} {Verb(stores, "keeps", "keep")} every team's {Name(rule.Signal)} alike",
                        rule.Signal == Signal.Logs
                            ? "a Loki keeps a team's streams for their own time; for another store, give the team pipelines and a backend of its own and a rule naming that backend"
                            : "give the team a backend of its own and a rule naming that backend, or leave team out"));
                }
            }
        }

        foreach (var (resource, backend) in model.OfKind<BackendSpec>())
        {
            if (backend.Zipkin is { Elasticsearch: null, Retention: { } retention })
            {
                diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.RetentionNotEnforced, retention.Location,
                    $"Zipkin '{resource.Name}' keeps spans in memory, the newest that fit whatever their age, so its retention deletes nothing by age",
                    "store its spans in an Elasticsearch (zipkin.elasticsearch: <backend>), whose index lifecycle keeps them for the retention, or leave retention out"));
            }
        }

        return diagnostics;
    }

    /// <summary>The stores a rule reaches: backends of its signal that it names (or all) and that run in a cluster of its environment (or any).</summary>
    public static IEnumerable<(Resource Backend, StoreRetention Retention)> Stores(SpecModel model, RetentionRule rule) =>
        Backends(model, rule)
            .SelectMany(b => StoreRetention.Of(model, b, (BackendSpec)b.Spec).Select(retention => (Backend: b, Retention: retention)))
            .Where(b => b.Retention.Signal == rule.Signal && (rule.Backend is not null || !b.Retention.NamedOnly));

    /// <summary>The backends a rule names (or all) that run in a cluster of its environment (or any).</summary>
    public static IEnumerable<Resource> Backends(SpecModel model, RetentionRule rule)
    {
        string[] clusters = [.. model.OfKind<ClusterSpec>().Where(c => rule.Environment is null || c.Spec.Environment.Value == rule.Environment.Value).Select(c => c.Resource.Name)];
        return model.OfKind<BackendSpec>()
            .Where(b => rule.Backend is null || rule.Backend.Value == b.Resource.Name)
            .Where(b => clusters.Any(c => Lowering.ClusterLowering.AppliesTo(b.Spec.Clusters, c)))
            .Select(b => b.Resource);
    }

    /// <summary>A rule for an environment no cluster runs in yet waits for one; it says nothing untrue.</summary>
    private static bool Dormant(SpecModel model, RetentionRule rule) =>
        rule.Environment is { } environment && !model.OfKind<ClusterSpec>().Any(c => c.Spec.Environment.Value == environment.Value);

    private static string Names(IEnumerable<(Resource Backend, StoreRetention Retention)> stores) =>
        string.Join(" and ", stores.Select(s => s.Retention.Store).Distinct(StringComparer.Ordinal));

    private static string Verb(IEnumerable<(Resource Backend, StoreRetention Retention)> stores, string one, string several) =>
        stores.Select(s => s.Retention.Store).Distinct(StringComparer.Ordinal).Count() == 1 ? one : several;

    private static string Name(Signal signal) => signal.ToString().ToLowerInvariant();
}
