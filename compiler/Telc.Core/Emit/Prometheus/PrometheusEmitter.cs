using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;

namespace Telc.Emit.Prometheus;

/// <summary>A Prometheus server: StatefulSet, Service, RBAC for service discovery, config and rule ConfigMaps.</summary>
public static class PrometheusEmitter
{
    private const string App = "prometheus";

    public static Component Emit(ClusterPlan cluster, PrometheusPlan plan, ObjectFactory factory)
    {
        var name = plan.ObjectName;
        var source = plan.Backend.Location;
        var config = CanonicalYamlWriter.Write(OutputSerializer.ToNode(PrometheusConfigBuilder.Build(cluster, plan)));
        var rules = plan.RuleGroups.ToImmutableSortedDictionary(
            g => g.FileName, g => CanonicalYamlWriter.Write(OutputSerializer.ToNode(PrometheusConfigBuilder.Rules(g))), StringComparer.Ordinal);
        var secrets = SecretNames(plan);

        var args = new List<string>
        {
            $"--config.file={PrometheusConfigBuilder.ConfigDirectory}/prometheus.yml",
            "--storage.tsdb.path=/prometheus",
            "--web.listen-address=:9090",
            "--web.enable-lifecycle",
        };
        if (plan.RetentionTime is { } time)
        {
            args.Add($"--storage.tsdb.retention.time={time.Text}");
        }

        if (plan.RetentionSize is { } size)
        {
            args.Add($"--storage.tsdb.retention.size={Quantity.PrometheusSize(size)}");
        }

        var mounts = ImmutableArray.CreateBuilder<VolumeMount>();
        mounts.Add(new VolumeMount("config", PrometheusConfigBuilder.ConfigDirectory, ReadOnly: true));
        mounts.Add(new VolumeMount("rules", $"{PrometheusConfigBuilder.ConfigDirectory}/{PrometheusConfigBuilder.RulesDirectory}", ReadOnly: true));
        mounts.Add(new VolumeMount("data", "/prometheus"));
        mounts.AddRange(secrets.Select(s => new VolumeMount("secret-" + s, $"{PrometheusConfigBuilder.SecretsDirectory}/{s}", ReadOnly: true)));

        var volumes = ImmutableArray.CreateBuilder<Volume>();
        volumes.Add(new Volume("config", ConfigMap: new ConfigMapVolumeSource(name + "-config")));
        volumes.Add(new Volume("rules", ConfigMap: new ConfigMapVolumeSource(name + "-rules")));
        if (plan.Spec.Storage is null)
        {
            volumes.Add(new Volume("data", EmptyDir: new EmptyDirVolumeSource()));
        }

        volumes.AddRange(secrets.Select(s => new Volume("secret-" + s, Secret: new SecretVolumeSource(s))));

        var container = new Container(
            "prometheus", Images.Prometheus, [.. args], [new NamedPort("web", 9090)],
            ObjectFactory.Resources(plan.Spec.Resources, "500m", "2Gi", "4Gi"),
            mounts.ToImmutable(),
            ReadinessProbe: new Probe(new HttpGetAction("/-/ready", "web"), 10, 10),
            LivenessProbe: new Probe(new HttpGetAction("/-/healthy", "web"), 30, 15, FailureThreshold: 6),
            SecurityContext: new ContainerSecurityContext());
        var pod = new PodSpec(
            [container], ServiceAccountName: name, Volumes: volumes.ToImmutable(),
            SecurityContext: new PodSecurityContext(65534, 65534, 65534, true), TerminationGracePeriodSeconds: 600);
        var claims = plan.Spec.Storage is { } storage
            ? ImmutableArray.Create(new PersistentVolumeClaim(new ObjectMeta("data"), new PersistentVolumeClaimSpec(
                ["ReadWriteOnce"], new VolumeResourceRequirements(ObjectFactory.Map(("storage", Quantity.Kubernetes(storage.Size)))), storage.StorageClass)))
            : default;

        var clusterRoleName = $"telc-{factory.Namespace}-{name}";
        return new Component(name, [
            new ServiceAccount(factory.Meta(name, App, source)),
            new ClusterRole(factory.Meta(clusterRoleName, App, source, clusterScoped: true), [
                new PolicyRule([""], ["nodes", "nodes/metrics", "services", "endpoints", "pods"], ["get", "list", "watch"]),
                new PolicyRule(["discovery.k8s.io"], ["endpointslices"], ["get", "list", "watch"]),
                new PolicyRule([], [], ["get"], ["/metrics", "/metrics/cadvisor"]),
            ]),
            new ClusterRoleBinding(factory.Meta(clusterRoleName, App, source, clusterScoped: true), new RoleRef(clusterRoleName), [new Subject(name, factory.Namespace)]),
            new ConfigMap(factory.Meta(name + "-config", App, source), ObjectFactory.Map(("prometheus.yml", config))),
            new ConfigMap(factory.Meta(name + "-rules", App, source), rules),
            new Service(factory.Meta(name, App, source), new ServiceSpec(factory.Selector(name, App), [new ServicePort("web", 9090, "web")])),
            new StatefulSet(factory.Meta(name, App, source), new StatefulSetSpec(
                plan.Spec.Replicas, name, new LabelSelector(factory.Selector(name, App)),
                factory.Template(name, App, pod, [config, .. rules.Select(r => r.Key + "\n" + r.Value)]), claims)),
        ]);
    }

    private static ImmutableArray<string> SecretNames(PrometheusPlan plan) =>
        [.. plan.RemoteWrites.SelectMany(w => new[]
            {
                w.Endpoint.Auth?.Basic?.UserSecretRef.Name, w.Endpoint.Auth?.Basic?.PasswordSecretRef.Name, w.Endpoint.Auth?.BearerTokenSecretRef?.Name,
                w.Endpoint.Tls?.CaSecretRef?.Name, w.Endpoint.Tls?.ClientCertSecretRef?.Name,
            })
            .OfType<string>().Distinct().Order(StringComparer.Ordinal)];
}
