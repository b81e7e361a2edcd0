using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Jaeger;

/// <summary>
/// A single-node Jaeger v2 per Jaeger backend of a cluster: a StatefulSet of one (badger locks its folders, so two pods
/// must never share them) with badger on its volume claim, a Service (OTLP gRPC and HTTP, the query UI), and its
/// config, checked against the schemas derived from the pinned Jaeger's sources and the collector's. Trace pipelines
/// ship to it over OTLP gRPC (jaeger-NAME.NAMESPACE.svc:4317).
/// </summary>
public sealed class JaegerEmitter : IEmitter
{
    public const string App = "jaeger";

    public bool Renders(SpecModel model, Resource resource) => resource.Spec is BackendSpec { Jaeger: not null };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) => cluster.Stores.Jaegers.Select(plan => Emit(cluster, plan, context));

    private static Component Emit(ClusterPlan cluster, JaegerPlan plan, EmitContext context)
    {
        var config = JaegerConfigBuilder.Build(plan);
        ConfigProblem.ReportForStore(JaegerConfigChecker.Check(config), "Jaeger", plan.Backend, cluster.Name, context.Diagnostics);
        var store = new SingleBinaryStore(App, Images.Jaeger, [],
            [
                new NamedPort("otlp-grpc", JaegerConfigBuilder.OtlpGrpcPort),
                new NamedPort("otlp-http", JaegerConfigBuilder.OtlpHttpPort),
                new NamedPort("query", JaegerConfigBuilder.QueryHttpPort),
            ],
            JaegerConfigBuilder.DataDirectory, plan.Spec.Storage, plan.Spec.Resources)
        {
            ConfigFlag = "--config",
            Health = new HttpGetAction(JaegerConfigBuilder.HealthPath, "health"),
            HealthPort = new NamedPort("health", JaegerConfigBuilder.HealthPort),
        };
        return store.Emit(context.Factory, plan.ObjectName, plan.Backend, CanonicalYamlWriter.Write(config));
    }
}
