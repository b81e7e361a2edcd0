using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Loki;

/// <summary>
/// A single-binary Loki per Loki backend of a cluster: StatefulSet with its data on a volume claim, Service, and its
/// config, checked against the schema derived from the pinned Loki's sources. Log pipelines ship to it over OTLP
/// (http://loki-NAME.NAMESPACE.svc:3100/otlp). The AlertGroups it evaluates are rule files in ConfigMaps, mounted
/// where its ruler reads them; the ruler polls them, so a changed rule reloads without restarting Loki.
/// </summary>
public sealed class LokiEmitter : IEmitter
{
    public bool Renders(SpecModel model, Resource resource) => resource.Spec switch
    {
        BackendSpec backend => backend.Loki is not null,
        AlertGroupSpec group => Semantics.BackendTypes.EvaluatorOf(model, group) is { } backend && Semantics.BackendTypes.TypeOf(backend) == BackendType.Loki,
        _ => false,
    };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) => cluster.Stores.Lokis.Select(plan => Emit(cluster, plan, context));

    private static Component Emit(ClusterPlan cluster, LokiPlan plan, EmitContext context)
    {
        var config = LokiConfigBuilder.Build(cluster, plan);
        ConfigProblem.ReportForStore(LokiConfigChecker.Check(config), "Loki", plan.Backend, cluster.Name, context.Diagnostics);
        var store = new SingleBinaryStore("loki", Images.Loki, ["-target=all"],
            [new NamedPort("http", LokiConfigBuilder.HttpPort), new NamedPort("grpc", LokiConfigBuilder.GrpcPort)],
            LokiConfigBuilder.DataDirectory, plan.Spec.Storage, plan.Spec.Resources);
        return store.Emit(context.Factory, plan.ObjectName, plan.Backend, CanonicalYamlWriter.Write(config), RuleFiles(plan, context));
    }

    private static MountedConfigMaps? RuleFiles(LokiPlan plan, EmitContext context)
    {
        if (plan.Ruler is not { } ruler)
        {
            return null;
        }

        var rules = ruler.Groups.ToImmutableSortedDictionary(g => g.FileName, g => RuleConfigMaps.File(context.Cache, g).Text, StringComparer.Ordinal);
        var sizes = ruler.Groups.ToImmutableSortedDictionary(g => g.FileName, g => RuleConfigMaps.File(context.Cache, g).Bytes, StringComparer.Ordinal);
        RuleConfigMaps.ReportOversized(ruler.Groups, sizes, context.Diagnostics);
        return new MountedConfigMaps("rules", $"{LokiConfigBuilder.RulesDirectory}/{LokiConfigBuilder.Tenant}", RuleConfigMaps.Pack(plan.ObjectName, rules, sizes));
    }
}
