using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Emit.Prometheus;
using Telc.Model;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.PrometheusOperator;

/// <summary>
/// For clusters that run the Prometheus Operator (<c>prometheus.operator: true</c>): a Prometheus resource, one
/// PrometheusRule per AlertGroup and a ServiceMonitor or PodMonitor per scrape job, carrying the same relabelling as
/// the plain prometheus.yml. Kubelet jobs select the kubelet Service the operator maintains (--kubelet-service).
/// </summary>
public sealed class PrometheusOperatorEmitter : IEmitter
{
    /// <summary>What a plain Prometheus renders, for clusters that run the operator.</summary>
    public bool Renders(SpecModel model, Resource resource) => false;

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) =>
        cluster.Metrics.Prometheuses.Where(p => p.Spec.Operator).Select(p => Emit(cluster, p, context.Factory));

    private const string App = "prometheus";
    private const string SelectorLabel = "telc.io/prometheus";

    public static Component Emit(ClusterPlan cluster, PrometheusPlan plan, ObjectFactory factory)
    {
        var name = plan.ObjectName;
        var source = plan.Backend;
        var selector = ObjectFactory.Map((SelectorLabel, name));
        var config = PrometheusConfigBuilder.Build(cluster, plan);
        var objects = new List<IKubernetesObject>(PrometheusRbac.Objects(name, App, source, factory))
        {
            new PrometheusResource(factory.Meta(name, App, source), Spec(cluster, plan, config, factory, selector)),
        };
        objects.AddRange(plan.RuleGroups.Select(group => new PrometheusRule(
            Labeled(factory.Meta(group.Group.Name, App, group.Group), selector),
            new PrometheusRuleSpec(PrometheusConfigBuilder.Rules(group).Groups))));
        objects.AddRange(plan.Jobs.Zip(config.ScrapeConfigs).Select(pair => Monitor(cluster, plan, pair.First, pair.Second, factory, selector)));
        return new Component(name, [.. objects]);
    }

    private static PrometheusResourceSpec Spec(
        ClusterPlan cluster, PrometheusPlan plan, PrometheusConfig config, ObjectFactory factory, ImmutableSortedDictionary<string, string> selector)
    {
        var alertmanager = plan.Alertmanager;
        var version = Images.Prometheus[(Images.Prometheus.LastIndexOf(':') + 1)..];
        return new PrometheusResourceSpec(
            plan.Spec.Replicas, version, Images.Prometheus, plan.ObjectName, plan.ScrapeInterval.Text, plan.EvaluationInterval.Text, cluster.ExternalLabels,
            plan.RetentionTime?.Text, plan.RetentionSize is { } size ? Quantity.PrometheusSize(size) : null,
            ObjectFactory.Resources(plan.Spec.Resources, "500m", "2Gi", "4Gi"),
            new PodSecurityContext(65534, 65534, 65534, true),
            new MonitorSelector(selector), new MonitorSelector(selector), new MonitorSelector(selector),
            plan.Jobs.Any(IsStatic) ? new MonitorSelector(selector) : null,
            alertmanager is null ? null : new OperatorAlerting([new AlertmanagerReference(factory.Namespace, alertmanager.ObjectName)]),
            plan.Spec.Storage is { } storage ? new OperatorStorage(new VolumeClaimTemplate(ObjectFactory.ClaimSpec(storage))) : null,
            [.. plan.RemoteWrites.Zip(config.RemoteWrite).Select(pair => RemoteWrite(pair.First, pair.Second))]);
    }

    /// <summary>The plan's Secrets as the operator's Secret selectors; the relabelling as the plain config has it.</summary>
    private static OperatorRemoteWrite RemoteWrite(RemoteWritePlan plan, RemoteWriteConfig config)
    {
        var endpoint = plan.Endpoint;
        var basic = endpoint.Auth?.Basic;

        return new OperatorRemoteWrite(
            endpoint.Url, plan.Backend.Name,
            endpoint.Tenant is { } tenant ? ObjectFactory.Map(("X-Scope-OrgID", tenant)) : null,
            basic is null ? null : new OperatorBasicAuth(Selector(basic.PasswordSecretRef), basic.UserSecretRef is { } user ? Selector(user) : null),
            endpoint.Auth?.BearerTokenSecretRef is { } token ? new OperatorAuthorization(Selector(token)) : null,
            endpoint.Tls is { } tls
                ? Tls(tls.CaSecretRef is { } ca ? new SecretOrConfigMap(Selector(ca)) : null, tls.ClientCertSecretRef, tls.InsecureSkipVerify)
                : null,
            plan.QueueCapacity is { } capacity ? new OperatorQueueConfig(capacity) : null,
            Relabel(config.WriteRelabelConfigs));
    }

    private static IKubernetesObject Monitor(
        ClusterPlan cluster, PrometheusPlan plan, ScrapeJobPlan job, ScrapeConfig scrape, ObjectFactory factory, ImmutableSortedDictionary<string, string> selector)
    {
        var meta = Labeled(factory.Meta($"{plan.ObjectName}-{job.Name.Replace('/', '-')}", App, job.Pipeline), selector);
        // The operator names jobs after the monitor; alerts written against the spec's job names need those names kept.
        var relabel = Relabel(scrape.RelabelConfigs).Add(new OperatorRelabel(TargetLabel: "job", Replacement: job.Name));
        var metricRelabel = Relabel(scrape.MetricRelabelConfigs);
        var discovered = scrape.KubernetesSdConfigs.IsDefaultOrEmpty ? null : scrape.KubernetesSdConfigs[0].Namespaces;
        var namespaces = discovered is null ? new NamespaceSelectorSpec(Any: true) : new NamespaceSelectorSpec(MatchNames: discovered.Names);
        var interval = scrape.ScrapeInterval;
        return job.Source switch
        {
            ScrapeSource.AnnotatedPods or ScrapeSource.Envoy => new PodMonitor(meta, new PodMonitorSpec(new LabelSelectorAny(), namespaces,
                [new MonitorEndpoint(null, scrape.MetricsPath, interval, Relabelings: relabel, MetricRelabelings: metricRelabel)])),
            ScrapeSource.AnnotatedServices => new ServiceMonitor(meta, new MonitorSpec(new LabelSelectorAny(), namespaces,
                [new MonitorEndpoint(null, null, interval, Relabelings: relabel, MetricRelabelings: metricRelabel)])),
            // The kubelet Service's endpoints carry the node in the operator's own node label; node-role meta labels do not exist here.
            ScrapeSource.Kubelet or ScrapeSource.Cadvisor => new ServiceMonitor(meta, new MonitorSpec(
                new LabelSelectorAny(ObjectFactory.Map(("app.kubernetes.io/name", "kubelet"))), new NamespaceSelectorSpec(MatchNames: ["kube-system"]),
                [new MonitorEndpoint("https-metrics", scrape.MetricsPath, interval, "https", true, scrape.Authorization!.CredentialsFile,
                    new OperatorTls(scrape.TlsConfig!.CaFile!), [new OperatorRelabel(TargetLabel: "job", Replacement: job.Name)], metricRelabel)])),
            ScrapeSource.NodeExporter or ScrapeSource.KubeStateMetrics => new ServiceMonitor(meta, new MonitorSpec(
                new LabelSelectorAny(factory.Selector(job.Source == ScrapeSource.NodeExporter ? "node-exporter" : "kube-state-metrics",
                    job.Source == ScrapeSource.NodeExporter ? "node-exporter" : "kube-state-metrics")),
                new NamespaceSelectorSpec(MatchNames: [cluster.Namespace]),
                [new MonitorEndpoint("http-metrics", null, interval, HonorLabels: scrape.HonorLabels, Relabelings: relabel, MetricRelabelings: metricRelabel)])),
            _ when IsStatic(job) => new ScrapeConfigResource(meta, new ScrapeConfigSpec(
                [new OperatorStaticConfig([.. job.Selector!.Targets.Select(t => t.Value)])], job.Selector.Path, interval,
                job.Selector.Scheme == ScrapeScheme.Https ? "HTTPS" : "HTTP", EndpointTls(job.Selector), TokenSecret(job.Selector.Auth),
                [new OperatorRelabel(TargetLabel: "job", Replacement: job.Name)], metricRelabel)),
            _ => new ServiceMonitor(meta, new MonitorSpec(new LabelSelectorAny(job.Selector!.MatchLabels), namespaces,
                [new MonitorEndpoint(job.Selector.Port, job.Selector.Path, interval,
                    Scheme: job.Selector.Scheme == ScrapeScheme.Https ? "https" : null,
                    BearerTokenFile: job.Selector.Auth?.BearerTokenSecretRef is null ? PrometheusConfigBuilder.TokenFile(job.Selector.Auth) : null,
                    TlsConfig: EndpointTls(job.Selector), Relabelings: relabel, MetricRelabelings: metricRelabel,
                    Authorization: TokenSecret(job.Selector.Auth))])),
        };
    }

    private static bool IsStatic(ScrapeJobPlan job) => job.Selector is { Targets.IsDefaultOrEmpty: false };

    /// <summary>The job's TLS as the operator takes it; the cluster's CA is the kube-root-ca.crt ConfigMap every namespace has.</summary>
    private static OperatorTls? EndpointTls(ScrapeSelector selector) => selector is { Scheme: ScrapeScheme.Https, Tls: { } tls }
        ? Tls(tls.ClusterCa ? new SecretOrConfigMap(ConfigMap: new SecretKeySelector("kube-root-ca.crt", "ca.crt"))
                : tls.CaSecretRef is { } ca ? new SecretOrConfigMap(Selector(ca)) : null,
            tls.ClientCertSecretRef, tls.InsecureSkipVerify, tls.ServerName)
        : null;

    /// <summary>TLS from Secret (and ConfigMap) keys the operator mounts: the CA, and the client certificate and key.</summary>
    private static OperatorTls Tls(SecretOrConfigMap? ca, ClientCertificateRef? clientCert, bool insecureSkipVerify, string? serverName = null) => new(
        Ca: ca,
        Cert: clientCert is null ? null : new SecretOrConfigMap(new SecretKeySelector(clientCert.Name, clientCert.CertKey)),
        KeySecret: clientCert is null ? null : new SecretKeySelector(clientCert.Name, clientCert.KeyKey),
        ServerName: serverName,
        InsecureSkipVerify: insecureSkipVerify ? true : null);

    private static OperatorAuthorization? TokenSecret(ScrapeAuth? auth) =>
        auth?.BearerTokenSecretRef is { } token ? new OperatorAuthorization(Selector(token)) : null;

    private static ObjectMeta Labeled(ObjectMeta meta, ImmutableSortedDictionary<string, string> selector) =>
        meta with { Labels = meta.Labels!.SetItems(selector) };

    private static SecretKeySelector Selector(SecretKeyRef secret) => new(secret.Name, secret.Key);

    private static ImmutableArray<OperatorRelabel> Relabel(ImmutableArray<RelabelConfig> rules) =>
        rules.IsDefaultOrEmpty ? [] : [.. rules.Select(r => new OperatorRelabel(r.SourceLabels, r.Separator, r.Regex, r.TargetLabel, r.Replacement, r.Action))];
}
