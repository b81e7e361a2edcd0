using Telc.Diagnostics;
using Telc.Emit.Kubernetes;
using Telc.Emit.OtelCollector;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.FluentBit;

/// <summary>
/// Fluent Bit on every node for the log pipelines that ask for it (agent: fluentbit): a DaemonSet reading the
/// kubelet's container log links, the journal and files, with pod metadata from the API server. Their Kubernetes
/// events are watched by the collector gateway, once per cluster. The rendered config is checked against the plugin
/// properties derived from the pinned Fluent Bit's sources before it is written.
/// </summary>
public sealed class FluentBitEmitter : IEmitter
{
    public const string App = "fluent-bit";
    private const string ConfigDirectory = "/fluent-bit/etc";
    private const string ConfigFile = "fluent-bit.yaml";

    public bool Renders(SpecModel model, Resource resource) => resource.Spec is LogPipelineSpec { Agent: LogAgent.FluentBit };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context)
    {
        if (cluster.Collectors.FluentBit.IsEmpty)
        {
            yield break;
        }

        var factory = context.Factory;
        const string Name = CollectorsPlan.FluentBitName;
        var source = cluster.Collectors.FluentBit[0].Pipeline;
        var (config, text) = context.Cache.Get("fluent-bit", cluster.Collectors.ConfigKey(cluster.Namespace, cluster.Collectors.FluentBit), () => Checked(cluster, context.Diagnostics));
        var mounts = new List<VolumeMount>
        {
            new("config", ConfigDirectory, ReadOnly: true),
            new("storage", FluentBitConfigBuilder.StorageDirectory),
            new("varlog", "/var/log", ReadOnly: true),
        };
        var volumes = new List<Volume>
        {
            new("config", ConfigMap: new ConfigMapVolumeSource(Name)),
            new("storage", HostPath: new HostPathVolumeSource($"{FluentBitConfigBuilder.StorageDirectory}/{cluster.Namespace}", "DirectoryOrCreate")),
            new("varlog", HostPath: new HostPathVolumeSource("/var/log")),
        };
        if (config.ReadsJournal)
        {
            // The journal's files are named after the machine id, which the systemd input reads from here.
            mounts.Add(new VolumeMount("machine-id", "/etc/machine-id", ReadOnly: true));
            volumes.Add(new Volume("machine-id", HostPath: new HostPathVolumeSource("/etc/machine-id", "File")));
        }

        AgentPods.MountHostFolders(config, "/var/log", mounts, volumes);
        AgentPods.MountSecrets(config, mounts, volumes);
        var container = new Container(
            "fluent-bit", Images.FluentBit, ["--config", $"{ConfigDirectory}/{ConfigFile}"],
            [new NamedPort("http", FluentBitConfigBuilder.HttpPort)],
            ObjectFactory.Resources(null, "100m", "128Mi", "512Mi"), [.. mounts],
            ReadinessProbe: new Probe(new HttpGetAction("/api/v1/health", "http"), 5, 10),
            LivenessProbe: new Probe(new HttpGetAction("/", "http"), 15, 15),
            SecurityContext: new ContainerSecurityContext(RunAsUser: 0, Capabilities: new Capabilities(["ALL"])),
            Env: [
                new EnvVar(FluentBitConfigBuilder.NodeNameVariable, new EnvVarSource(new ObjectFieldSelector("spec.nodeName"))),
                .. AgentPods.SecretVariables(config),
            ]);
        var onControlPlane = cluster.Collectors.FluentBit.Any(p => p.Logs?.Input.Node is { ControlPlane: true });
        var pod = new PodSpec([container], ServiceAccountName: Name, Volumes: [.. volumes],
            Tolerations: onControlPlane ? AgentPods.ControlPlaneTolerations : default,
            TerminationGracePeriodSeconds: 30);
        yield return new Component(Name, [
            .. AgentPods.Identity(Name, App, source, factory, [new PolicyRule([""], ["namespaces", "pods"], ["get", "list", "watch"])]),
            new ConfigMap(factory.Meta(Name, App, source), ObjectFactory.Map((ConfigFile, text))),
            new Service(factory.Meta(Name, App, source), new ServiceSpec(factory.Selector(Name, App), [new ServicePort("http", FluentBitConfigBuilder.HttpPort, "http")], ClusterIP: "None")),
            new DaemonSet(factory.Meta(Name, App, source), new DaemonSetSpec(new LabelSelector(factory.Selector(Name, App)), factory.Template(Name, App, pod, text))),
        ]);
    }

    /// <summary>The config and its YAML, after the check against the plugins; a problem found is a telc bug, reported at the pipeline that caused it.</summary>
    private static (CollectorConfig Config, string Text) Checked(ClusterPlan cluster, ICollection<Diagnostic> diagnostics)
    {
        var config = FluentBitConfigBuilder.Build(cluster);
        ConfigProblem.Report(FluentBitConfigChecker.Check(config.Root), config.SourceOf(cluster),
            $"the rendered Fluent Bit config of cluster '{cluster.Name}' would be refused or lose records", diagnostics);
        return (config, CanonicalYamlWriter.Write(config.Root));
    }
}
