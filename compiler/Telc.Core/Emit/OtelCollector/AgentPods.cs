using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Spec;

namespace Telc.Emit.OtelCollector;

/// <summary>What the pods of the collectors and of Fluent Bit share: Secrets as files and variables, control-plane tolerations, their identity and read access.</summary>
public static class AgentPods
{
    /// <summary>Lets a DaemonSet's pods onto control-plane nodes, as a pipeline reading them there asks.</summary>
    public static readonly ImmutableArray<Toleration> ControlPlaneTolerations =
    [
        new(Key: "node-role.kubernetes.io/control-plane", Effect: "NoSchedule"),
        new(Key: "node-role.kubernetes.io/master", Effect: "NoSchedule"),
    ];

    /// <summary>Each Secret the config reads files of, mounted read-only under <see cref="Exporters.SecretsDirectory"/>.</summary>
    public static void MountSecrets(CollectorConfig config, List<VolumeMount> mounts, List<Volume> volumes)
    {
        foreach (var secret in config.MountedSecrets)
        {
            mounts.Add(new VolumeMount("secret-" + secret, $"{Exporters.SecretsDirectory}/{secret}", ReadOnly: true));
            volumes.Add(new Volume("secret-" + secret, Secret: new SecretVolumeSource(secret)));
        }
    }

    /// <summary>The node folders file inputs read, each mounted read-only under /hostfs, but the one the agent mounts where it is.</summary>
    public static void MountHostFolders(CollectorConfig config, string mountedAsIs, List<VolumeMount> mounts, List<Volume> volumes)
    {
        foreach (var (folder, index) in config.HostFolders.Where(f => f != mountedAsIs).Select((f, i) => (f, i)))
        {
            mounts.Add(new VolumeMount($"host-{index}", CollectorConfigBuilder.HostRoot + folder, ReadOnly: true));
            volumes.Add(new Volume($"host-{index}", HostPath: new HostPathVolumeSource(folder)));
        }
    }

    /// <summary>The environment variables the config expands, each from its Secret key.</summary>
    public static IEnumerable<EnvVar> SecretVariables(CollectorConfig config) =>
        config.Environment.Select(e => new EnvVar(e.Name, new EnvVarSource(SecretKeyRef: new SecretKeySelector(e.Secret, e.Key))));

    /// <summary>The pods' service account, bound to a cluster role of the read access given.</summary>
    public static IKubernetesObject[] Identity(string name, string app, Resource source, ObjectFactory factory, IReadOnlyCollection<PolicyRule> rules)
    {
        var role = $"telc-{factory.Namespace}-{name}";
        // A collector that reads nothing of the cluster (a gateway only reading Kafka topics) gets no role at all.
        return rules.Count == 0
            ? [new ServiceAccount(factory.Meta(name, app, source))]
            :
            [
                new ServiceAccount(factory.Meta(name, app, source)),
                new ClusterRole(factory.Meta(role, app, source, clusterScoped: true), [.. rules]),
                new ClusterRoleBinding(factory.Meta(role, app, source, clusterScoped: true), new RoleRef(role), [new Subject(name, factory.Namespace)]),
            ];
    }
}
