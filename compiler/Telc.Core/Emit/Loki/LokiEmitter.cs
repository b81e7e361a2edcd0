using System.Collections.Immutable;
using Telc.Diagnostics;
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
    private const string App = "loki";
    private const string ConfigDirectory = "/etc/loki";

    public bool Renders(SpecModel model, Resource resource) => resource.Spec switch
    {
        BackendSpec backend => backend.Loki is not null,
        AlertGroupSpec group => Semantics.BackendTypes.EvaluatorOf(model, group) is { } backend && Semantics.BackendTypes.TypeOf(backend) == BackendType.Loki,
        _ => false,
    };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) => cluster.Stores.Lokis.Select(plan => Emit(cluster, plan, context));

    private static Component Emit(ClusterPlan cluster, LokiPlan plan, EmitContext context)
    {
        var factory = context.Factory;
        var name = plan.ObjectName;
        var source = plan.Backend;
        var config = LokiConfigBuilder.Build(cluster, plan);
        ConfigProblem.Report(LokiConfigChecker.Check(config), _ => source.Location,
            $"the rendered config of Loki '{source.Name}' in cluster '{cluster.Name}' would be refused by Loki", context.Diagnostics);

        var text = CanonicalYamlWriter.Write(config);
        var rules = (plan.Ruler?.Groups ?? []).ToImmutableSortedDictionary(
            g => g.FileName, g => CanonicalYamlWriter.Write(Prometheus.PrometheusConfigBuilder.Rules(g)), StringComparer.Ordinal);
        var sizes = rules.ToImmutableSortedDictionary(r => r.Key, r => System.Text.Encoding.UTF8.GetByteCount(r.Value), StringComparer.Ordinal);
        RuleConfigMaps.ReportOversized(plan.Ruler?.Groups ?? [], sizes, context.Diagnostics);
        var ruleMaps = rules.IsEmpty ? [] : RuleConfigMaps.Pack(name, rules, sizes);

        var volumes = new List<Volume> { new("config", ConfigMap: new ConfigMapVolumeSource(name + "-config")) };
        var mounts = new List<VolumeMount> { new("config", ConfigDirectory, ReadOnly: true), new("data", LokiConfigBuilder.DataDirectory) };
        if (ruleMaps.Count > 0)
        {
            volumes.Add(new Volume("rules", Projected: new ProjectedVolumeSource([.. ruleMaps.Select(m => new VolumeProjection(new ConfigMapVolumeSource(m.Name)))])));
            mounts.Add(new VolumeMount("rules", $"{LokiConfigBuilder.RulesDirectory}/{LokiConfigBuilder.Tenant}", ReadOnly: true));
        }

        if (plan.Spec.Storage is null)
        {
            volumes.Add(new Volume("data", EmptyDir: new EmptyDirVolumeSource()));
        }

        var container = new Container(
            "loki", Images.Loki, [$"-config.file={ConfigDirectory}/loki.yaml", "-target=all"],
            [new NamedPort("http", LokiConfigBuilder.HttpPort), new NamedPort("grpc", LokiConfigBuilder.GrpcPort)],
            ObjectFactory.Resources(plan.Spec.Resources, "250m", "512Mi", "2Gi"),
            [.. mounts],
            ReadinessProbe: new Probe(new HttpGetAction("/ready", "http"), 15, 10),
            LivenessProbe: new Probe(new HttpGetAction("/ready", "http"), 60, 30, FailureThreshold: 5),
            SecurityContext: new ContainerSecurityContext());
        var pod = new PodSpec([container], Volumes: [.. volumes], SecurityContext: new PodSecurityContext(10001, 10001, 10001, true), TerminationGracePeriodSeconds: 300);
        return new Component(name, [
            new ConfigMap(factory.Meta(name + "-config", App, source), ObjectFactory.Map(("loki.yaml", text))),
            .. ruleMaps.Select(m => new ConfigMap(factory.Meta(m.Name, App, source), m.Data)),
            new Service(factory.Meta(name, App, source), new ServiceSpec(factory.Selector(name, App), [
                new ServicePort("http", LokiConfigBuilder.HttpPort, "http"), new ServicePort("grpc", LokiConfigBuilder.GrpcPort, "grpc"),
            ])),
            new StatefulSet(factory.Meta(name, App, source), new StatefulSetSpec(
                1, name, new LabelSelector(factory.Selector(name, App)), factory.Template(name, App, pod, text), ObjectFactory.DataClaims(plan.Spec.Storage))),
        ]);
    }
}
