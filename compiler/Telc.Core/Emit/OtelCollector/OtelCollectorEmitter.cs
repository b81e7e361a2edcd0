using System.Collections.Immutable;
using Telc.Diagnostics;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// The OpenTelemetry Collector agent (a DaemonSet reading every node's logs) and gateway (a Deployment receiving
/// what applications push, and watching Kubernetes events once per cluster). Every rendered configuration is checked
/// against the schema derived from the pinned collector's sources before it is written.
/// </summary>
public sealed class OtelCollectorEmitter : IEmitter
{
    public const string AgentApp = "otel-agent";
    public const string GatewayApp = "otel-gateway";
    private const string ConfigFile = "collector.yaml";
    private const string ConfigDirectory = "/conf";

    /// <summary>Log and trace pipelines, and the external endpoints they (or OTLP metric pipelines) ship to.</summary>
    public bool Renders(SpecModel model, Resource resource) => resource.Spec switch
    {
        LogPipelineSpec pipeline => pipeline.Agent == LogAgent.OtelCollector || pipeline.Input.Events is { Enabled: true },
        TracePipelineSpec => true,
        BackendSpec { External: { PrometheusRemoteWrite: null } } => OutputsOfCollectors(model).Contains(resource.Name),
        _ => false,
    };

    private static HashSet<string> OutputsOfCollectors(SpecModel model) =>
    [
        .. model.OfKind<LogPipelineSpec>().Select(p => p.Spec.Output.Backend.Value),
        .. model.OfKind<TracePipelineSpec>().Select(p => p.Spec.Output.Backend.Value),
        .. model.OfKind<MetricPipelineSpec>().Where(p => p.Spec.Input.Otlp is { Enabled: true }).Select(p => p.Spec.Output.Backend.Value),
    ];

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context)
    {
        var plan = cluster.Collectors;
        if (!plan.Agent.IsEmpty)
        {
            yield return Agent(cluster, plan, context);
        }

        if (!plan.Gateway.IsEmpty)
        {
            yield return Gateway(cluster, plan, context);
        }
    }

    private static Component Agent(ClusterPlan cluster, CollectorsPlan plan, EmitContext context)
    {
        var factory = context.Factory;
        var name = plan.AgentName;
        var source = plan.Agent[0].Pipeline;
        var (config, text) = context.Cache.Get("otel-agent", plan.ConfigKey(cluster.Namespace, plan.Agent), () => Checked(CollectorConfigBuilder.Agent(cluster), cluster, context.Diagnostics));

        var mounts = new List<VolumeMount> { new("config", ConfigDirectory, ReadOnly: true), new("storage", CollectorConfigBuilder.StorageDirectory) };
        var volumes = new List<Volume>
        {
            new("config", ConfigMap: new ConfigMapVolumeSource(name)),
            new("storage", HostPath: new HostPathVolumeSource($"{CollectorConfigBuilder.StorageDirectory}/{cluster.Namespace}", "DirectoryOrCreate")),
        };
        if (config.HostFolders.Contains("/var/log/pods"))
        {
            mounts.Add(new VolumeMount("pods", "/var/log/pods", ReadOnly: true));
            volumes.Add(new Volume("pods", HostPath: new HostPathVolumeSource("/var/log/pods")));
        }

        if (config.ReadsJournal)
        {
            // journalctl of the node itself, run chrooted into the node's root: the collector image has none.
            mounts.Add(new VolumeMount("host", CollectorConfigBuilder.HostRoot, ReadOnly: true));
            volumes.Add(new Volume("host", HostPath: new HostPathVolumeSource("/")));
        }
        else
        {
            AgentPods.MountHostFolders(config, "/var/log/pods", mounts, volumes);
        }

        AgentPods.MountSecrets(config, mounts, volumes);
        var container = Collector(config, mounts, [new EnvVar(CollectorConfigBuilder.NodeNameVariable, new EnvVarSource(new ObjectFieldSelector("spec.nodeName")))],
            [new NamedPort("metrics", CollectorConfigBuilder.MetricsPort), new NamedPort("health", CollectorConfigBuilder.HealthPort)],
            new ContainerSecurityContext(RunAsUser: 0, Capabilities: new Capabilities(["ALL"], config.ReadsJournal ? ["SYS_CHROOT"] : default)));
        var onControlPlane = plan.Agent.Any(p => p.Logs?.Input.Node is { ControlPlane: true });
        var pod = new PodSpec([container], ServiceAccountName: name, Volumes: [.. volumes],
            Tolerations: onControlPlane ? AgentPods.ControlPlaneTolerations : default,
            TerminationGracePeriodSeconds: 30);
        return new Component(name, [
            .. Rbac(name, AgentApp, source, factory, events: false, pods: true),
            new ConfigMap(factory.Meta(name, AgentApp, source), ObjectFactory.Map((ConfigFile, text))),
            new Service(factory.Meta(name, AgentApp, source), new ServiceSpec(factory.Selector(name, AgentApp), [new ServicePort("metrics", CollectorConfigBuilder.MetricsPort, "metrics")], ClusterIP: "None")),
            new DaemonSet(factory.Meta(name, AgentApp, source), new DaemonSetSpec(new LabelSelector(factory.Selector(name, AgentApp)), factory.Template(name, AgentApp, pod, text))),
        ]);
    }

    private static Component Gateway(ClusterPlan cluster, CollectorsPlan plan, EmitContext context)
    {
        var factory = context.Factory;
        var name = plan.GatewayName;
        var source = plan.Gateway[0].Pipeline;
        var (config, text) = context.Cache.Get("otel-gateway", plan.ConfigKey(cluster.Namespace, plan.Gateway), () => Checked(CollectorConfigBuilder.Gateway(cluster), cluster, context.Diagnostics));
        var persistent = plan.Gateway.Any(p => p.Buffer.Persistent);

        var mounts = new List<VolumeMount> { new("config", ConfigDirectory, ReadOnly: true), new("storage", CollectorConfigBuilder.StorageDirectory) };
        var volumes = new List<Volume> { new("config", ConfigMap: new ConfigMapVolumeSource(name)) };
        if (!persistent)
        {
            volumes.Add(new Volume("storage", EmptyDir: new EmptyDirVolumeSource()));
        }

        AgentPods.MountSecrets(config, mounts, volumes);
        var ports = GatewayPorts(config.Root);
        var container = Collector(config, mounts, default,
            [.. ports.Select(p => new NamedPort(p.Name, p.Port)), new NamedPort("metrics", CollectorConfigBuilder.MetricsPort), new NamedPort("health", CollectorConfigBuilder.HealthPort)],
            new ContainerSecurityContext(RunAsUser: 10001, Capabilities: new Capabilities(["ALL"])));
        var pod = new PodSpec([container], ServiceAccountName: name, Volumes: [.. volumes],
            SecurityContext: new PodSecurityContext(10001, 10001, 10001, true), TerminationGracePeriodSeconds: 30);
        var selector = new LabelSelector(factory.Selector(name, GatewayApp));
        var template = factory.Template(name, GatewayApp, pod, text);
        // One replica: the events receiver must run exactly once per cluster, or every event is shipped twice.
        IKubernetesObject workload = persistent
            ? new StatefulSet(factory.Meta(name, GatewayApp, source), new StatefulSetSpec(1, name, selector, template,
                [new PersistentVolumeClaim(new ObjectMeta("storage"), new PersistentVolumeClaimSpec(["ReadWriteOnce"],
                    new VolumeResourceRequirements(ObjectFactory.Map(("storage", QueueVolumeSize)))))]))
            : new Deployment(factory.Meta(name, GatewayApp, source), new DeploymentSpec(1, selector, template));
        return new Component(name, [
            .. Rbac(name, GatewayApp, source, factory, events: plan.Gateway.Any(p => p.ReadsEvents), pods: plan.Gateway.Any(p => !p.ReadsEvents && !p.ReadsVia)),
            new ConfigMap(factory.Meta(name, GatewayApp, source), ObjectFactory.Map((ConfigFile, text))),
            new Service(factory.Meta(name, GatewayApp, source), new ServiceSpec(factory.Selector(name, GatewayApp),
                [.. ports.Select(p => new ServicePort(p.Name, p.Port, p.Name)), new ServicePort("metrics", CollectorConfigBuilder.MetricsPort, "metrics")])),
            workload,
        ]);
    }

    /// <summary>The size of the gateway's volume for persistent queues.</summary>
    public const string QueueVolumeSize = "10Gi";

    private static Container Collector(CollectorConfig config, List<VolumeMount> mounts, ImmutableArray<EnvVar> env, ImmutableArray<NamedPort> ports, ContainerSecurityContext security) =>
        new("otelcol", Images.OtelCollector, [$"--config={ConfigDirectory}/{ConfigFile}"], ports,
            ObjectFactory.Resources(null, "100m", "256Mi", "512Mi"), [.. mounts],
            ReadinessProbe: new Probe(new HttpGetAction("/", "health"), 5, 10),
            LivenessProbe: new Probe(new HttpGetAction("/", "health"), 15, 15),
            SecurityContext: security,
            Env: [.. env.IsDefault ? [] : env, .. AgentPods.SecretVariables(config)]);

    /// <summary>The ports of the receivers the gateway runs (<see cref="CollectorConfigBuilder.ReceiverPorts"/>).</summary>
    private static List<(string Name, int Port)> GatewayPorts(OutMap root)
    {
        var receivers = root.Entries.First(e => e.Key == "receivers").Value is OutMap map ? map.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal) : [];
        return [.. CollectorConfigBuilder.ReceiverPorts.Where(r => receivers.Contains(r.Receiver)).SelectMany(r => r.Ports)];
    }

    /// <summary>What k8s_attributes reads (pods, their owners, namespaces, nodes) and, for the events receiver, events.</summary>
    private static IKubernetesObject[] Rbac(string name, string app, Resource source, ObjectFactory factory, bool events, bool pods)
    {
        string[] read = ["get", "list", "watch"];
        var rules = new List<PolicyRule>();
        if (pods)
        {
            rules.Add(new PolicyRule([""], ["namespaces", "nodes", "pods"], [.. read]));
            rules.Add(new PolicyRule(["apps"], ["replicasets"], [.. read]));
            rules.Add(new PolicyRule(["batch"], ["jobs"], [.. read]));
        }

        if (events)
        {
            rules.Add(new PolicyRule(["events.k8s.io"], ["events"], ["list", "watch"]));
        }

        return AgentPods.Identity(name, app, source, factory, rules);
    }

    /// <summary>
    /// The config and its YAML, after the schema check; a problem found is a telc bug, reported at the pipeline that
    /// caused it (once, for the first cluster that renders the config).
    /// </summary>
    private static (CollectorConfig Config, string Text) Checked(CollectorConfig config, ClusterPlan cluster, ICollection<Diagnostic> diagnostics)
    {
        ConfigProblem.Report(CollectorConfigChecker.Check(config.Root), config.SourceOf(cluster),
            $"the rendered collector config of cluster '{cluster.Name}' would be refused by the collector", diagnostics);
        return (config, CanonicalYamlWriter.Write(config.Root));
    }
}
