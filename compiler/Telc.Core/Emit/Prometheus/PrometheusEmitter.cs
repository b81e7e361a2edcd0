using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Prometheus;

/// <summary>A Prometheus server: StatefulSet, Service, RBAC for service discovery, config and rule ConfigMaps.</summary>
public sealed class PrometheusEmitter : IEmitter
{
    /// <summary>Prometheus backends, the pipelines they scrape, the alert groups they evaluate and the remote-write outputs they ship to.</summary>
    public bool Renders(SpecModel model, Resource resource) => resource.Spec switch
    {
        BackendSpec backend => backend.Prometheus is not null || backend.External?.PrometheusRemoteWrite is not null,
        MetricPipelineSpec => true,
        AlertGroupSpec group => Semantics.BackendTypes.EvaluatorOf(model, group) is { } backend && Semantics.BackendTypes.TypeOf(backend) == BackendType.Prometheus,
        RetentionPolicySpec => true,
        _ => false,
    };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) =>
        cluster.Metrics.Prometheuses.Where(p => !p.Spec.Operator).Select(p => Emit(cluster, p, context.Factory, context.Cache, context.Diagnostics));

    private const string App = "prometheus";

    public static Component Emit(ClusterPlan cluster, PrometheusPlan plan, ObjectFactory factory, RenderCache cache, ICollection<Diagnostics.Diagnostic> diagnostics)
    {
        var name = plan.ObjectName;
        var source = plan.Backend;
        var config = CanonicalYamlWriter.Write(PrometheusConfigBuilder.Build(cluster, plan));
        var rules = plan.RuleGroups.ToImmutableSortedDictionary(g => g.FileName, g => RuleConfigMaps.File(cache, g).Text, StringComparer.Ordinal);
        var ownRules = PrometheusConfigBuilder.OwnRules(cluster, plan).Select(r => (r.FileName, Text: CanonicalYamlWriter.Write(r.Rules))).ToArray();
        rules = rules.AddRange(ownRules.Select(r => KeyValuePair.Create(r.FileName, r.Text)));

        var ownChecksums = ownRules.Select(r => r.FileName + "\n" + ObjectFactory.Checksum([r.Text])).ToArray();
        var ruleChecksums = plan.RuleGroups.Select(g => g.FileName + "\n" + cache.Get("rule-checksum", RuleConfigMaps.Key(g), () => ObjectFactory.Checksum([rules[g.FileName]]))).Concat(ownChecksums);
        var ruleSizes = plan.RuleGroups.ToImmutableSortedDictionary(g => g.FileName, g => RuleConfigMaps.File(cache, g).Bytes, StringComparer.Ordinal)
            .AddRange(ownRules.Select(r => KeyValuePair.Create(r.FileName, System.Text.Encoding.UTF8.GetByteCount(r.Text))));

        RuleConfigMaps.ReportOversized(plan.RuleGroups, ruleSizes, diagnostics);
        var ruleMaps = RuleConfigMaps.Pack(name, rules, ruleSizes);
        var secrets = SecretNames(plan);

        var args = new List<string>
        {
            $"--config.file={PrometheusConfigBuilder.ConfigDirectory}/prometheus.yml",
            "--storage.tsdb.path=/prometheus",
            "--web.listen-address=:9090",
            "--web.enable-lifecycle",
        };
        if (plan.Spec.Replicas > 1)
        {
            args.Add("--enable-feature=expand-external-labels");
        }

        if (cluster.Collectors.WritesTo(plan) || cluster.Stores.WritesTo(plan))
        {
            args.Add("--web.enable-remote-write-receiver");
        }

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
        volumes.Add(new Volume("rules", Projected: new ProjectedVolumeSource([.. ruleMaps.Select(m => new VolumeProjection(new ConfigMapVolumeSource(m.Name)))])));
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
            SecurityContext: new ContainerSecurityContext(),
            Env: plan.Spec.Replicas > 1 ? [new EnvVar(PrometheusConfigBuilder.PodNameVariable, new EnvVarSource(new ObjectFieldSelector("metadata.name")))] : default);
        var pod = new PodSpec(
            [container], ServiceAccountName: name, Volumes: volumes.ToImmutable(),
            SecurityContext: new PodSecurityContext(65534, 65534, 65534, true), TerminationGracePeriodSeconds: 600);
        var claims = ObjectFactory.DataClaims(plan.Spec.Storage);

        return new Component(name, [
            .. PrometheusRbac.Objects(name, App, source, factory),
            new ConfigMap(factory.Meta(name + "-config", App, source), ObjectFactory.Map(("prometheus.yml", config))),
            .. ruleMaps.Select(m => cache.Get("rules-configmap", $"{factory.Namespace}/{m.Name}/{source.Location}/{string.Join(",", plan.RuleGroups.Select(RuleConfigMaps.Key))}/{string.Join(",", ownChecksums)}",
                () => new ConfigMap(factory.Meta(m.Name, App, source), m.Data))),
            new Service(factory.Meta(name, App, source), new ServiceSpec(factory.Selector(name, App), [new ServicePort("web", 9090, "web")])),
            new StatefulSet(factory.Meta(name, App, source), new StatefulSetSpec(
                plan.Spec.Replicas, name, new LabelSelector(factory.Selector(name, App)),
                factory.Template(name, App, pod, [config, .. ruleChecksums]), claims)),
        ]);
    }

    /// <summary>The Secrets remote writes and scrape jobs read credentials from, mounted under the secrets directory.</summary>
    private static ImmutableArray<string> SecretNames(PrometheusPlan plan) =>
        [.. plan.RemoteWrites.SelectMany(w => new[]
            {
                w.Endpoint.Auth?.Basic?.UserSecretRef?.Name, w.Endpoint.Auth?.Basic?.PasswordSecretRef.Name, w.Endpoint.Auth?.BearerTokenSecretRef?.Name,
                w.Endpoint.Tls?.CaSecretRef?.Name, w.Endpoint.Tls?.ClientCertSecretRef?.Name,
            })
            .Concat(plan.Jobs.Select(j => j.Selector).SelectMany(s => new[]
            {
                s?.Tls?.CaSecretRef?.Name, s?.Tls?.ClientCertSecretRef?.Name, s?.Auth?.BearerTokenSecretRef?.Name,
            }))
            .OfType<string>().Distinct().Order(StringComparer.Ordinal)];
}
