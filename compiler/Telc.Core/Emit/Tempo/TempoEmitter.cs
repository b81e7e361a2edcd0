using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Tempo;

/// <summary>
/// A single-binary Tempo per Tempo backend of a cluster: StatefulSet with its blocks and write-ahead log on a volume
/// claim, Service, and its config, checked against the schema derived from the pinned Tempo's sources. Trace pipelines
/// ship to it over OTLP gRPC (tempo-NAME.NAMESPACE.svc:4317); applications may push OTLP to it directly too.
/// </summary>
public sealed class TempoEmitter : IEmitter
{
    public const string App = "tempo";

    public bool Renders(SpecModel model, Resource resource) => resource.Spec is BackendSpec { Tempo: not null };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) => cluster.Stores.Tempos.Select(plan => Emit(cluster, plan, context));

    private static Component Emit(ClusterPlan cluster, TempoPlan plan, EmitContext context)
    {
        var config = TempoConfigBuilder.Build(plan, cluster.Namespace);
        ConfigProblem.ReportForStore(TempoConfigChecker.Check(config), "Tempo", plan.Backend, cluster.Name, context.Diagnostics);
        var store = new SingleBinaryStore(App, Images.Tempo, [],
            [
                new NamedPort("http", TempoConfigBuilder.HttpPort),
                new NamedPort("otlp-grpc", TempoConfigBuilder.OtlpGrpcPort),
                new NamedPort("otlp-http", TempoConfigBuilder.OtlpHttpPort),
            ],
            TempoConfigBuilder.DataDirectory, plan.Spec.Storage, plan.Spec.Resources);
        return store.Emit(context.Factory, plan.ObjectName, plan.Backend, CanonicalYamlWriter.Write(config));
    }
}
