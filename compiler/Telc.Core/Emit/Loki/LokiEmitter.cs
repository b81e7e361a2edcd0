using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Loki;

/// <summary>
/// A single-binary Loki per Loki backend of a cluster: StatefulSet with its data on a volume claim, Service, and its
/// config, checked against the schema derived from the pinned Loki's sources. Log pipelines ship to it over OTLP
/// (http://loki-NAME.NAMESPACE.svc:3100/otlp). Its ruler is not rendered yet: AlertGroups for Loki stay TELC501.
/// </summary>
public sealed class LokiEmitter : IEmitter
{
    public bool Renders(SpecModel model, Resource resource) => resource.Spec is BackendSpec { Loki: not null };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) => cluster.Stores.Lokis.Select(plan => Emit(cluster, plan, context));

    private static Component Emit(ClusterPlan cluster, LokiPlan plan, EmitContext context)
    {
        var config = LokiConfigBuilder.Build(plan);
        ConfigProblem.Report(LokiConfigChecker.Check(config), _ => plan.Backend.Location,
            $"the rendered config of Loki '{plan.Backend.Name}' in cluster '{cluster.Name}' would be refused by Loki", context.Diagnostics);
        var store = new SingleBinaryStore("loki", Images.Loki, ["-target=all"],
            [new NamedPort("http", LokiConfigBuilder.HttpPort), new NamedPort("grpc", LokiConfigBuilder.GrpcPort)],
            LokiConfigBuilder.DataDirectory, plan.Spec.Storage, plan.Spec.Resources);
        return store.Emit(context.Factory, plan.ObjectName, plan.Backend, CanonicalYamlWriter.Write(config));
    }
}
