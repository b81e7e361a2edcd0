using System.Collections.Immutable;

namespace Telc.Emit.Kubernetes;

public sealed record StatefulSet(ObjectMeta Metadata, StatefulSetSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "apps/v1";

    public string Kind => "StatefulSet";
}

public sealed record StatefulSetSpec(
    int Replicas,
    string ServiceName,
    LabelSelector Selector,
    PodTemplate Template,
    ImmutableArray<PersistentVolumeClaim> VolumeClaimTemplates = default,
    string PodManagementPolicy = "Parallel");

public sealed record Deployment(ObjectMeta Metadata, DeploymentSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "apps/v1";

    public string Kind => "Deployment";
}

public sealed record DeploymentSpec(int Replicas, LabelSelector Selector, PodTemplate Template, DeploymentStrategy? Strategy = null);

/// <summary>Recreate for a Deployment whose pod holds a ReadWriteOnce volume, which a second pod could not mount during a rolling update.</summary>
public sealed record DeploymentStrategy(string Type);

public sealed record DaemonSet(ObjectMeta Metadata, DaemonSetSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "apps/v1";

    public string Kind => "DaemonSet";
}

public sealed record DaemonSetSpec(LabelSelector Selector, PodTemplate Template);

public sealed record LabelSelector(ImmutableSortedDictionary<string, string> MatchLabels);

public sealed record PodTemplate(ObjectMeta Metadata, PodSpec Spec);

public sealed record PodSpec(
    ImmutableArray<Container> Containers,
    string? ServiceAccountName = null,
    ImmutableArray<Volume> Volumes = default,
    PodSecurityContext? SecurityContext = null,
    ImmutableArray<Toleration> Tolerations = default,
    bool? HostNetwork = null,
    bool? HostPID = null,
    ImmutableSortedDictionary<string, string>? NodeSelector = null,
    int? TerminationGracePeriodSeconds = null,
    ImmutableArray<Container> InitContainers = default,
    string? RestartPolicy = null,
    bool? EnableServiceLinks = null);

public sealed record PodSecurityContext(int? RunAsUser = null, int? RunAsGroup = null, int? FsGroup = null, bool? RunAsNonRoot = null);

public sealed record Toleration(string Operator = "Exists", string? Key = null, string? Effect = null);

public sealed record Container(
    string Name,
    string Image,
    ImmutableArray<string> Args,
    ImmutableArray<NamedPort> Ports,
    ResourceRequirements Resources,
    ImmutableArray<VolumeMount> VolumeMounts = default,
    Probe? ReadinessProbe = null,
    Probe? LivenessProbe = null,
    ContainerSecurityContext? SecurityContext = null,
    ImmutableArray<EnvVar> Env = default,
    ImmutableArray<string> Command = default);

/// <summary>An environment variable: a value the config holds (never a secret one), or one read from elsewhere.</summary>
public sealed record EnvVar(string Name, EnvVarSource? ValueFrom = null, string? Value = null);

public sealed record EnvVarSource(ObjectFieldSelector? FieldRef = null, SecretKeySelector? SecretKeyRef = null);

public sealed record SecretKeySelector(string Name, string Key);

public sealed record ObjectFieldSelector(string FieldPath);

public sealed record NamedPort(string Name, int ContainerPort, string Protocol = "TCP");

public sealed record ResourceRequirements(
    ImmutableSortedDictionary<string, string> Requests,
    ImmutableSortedDictionary<string, string> Limits);

public sealed record VolumeMount(string Name, string MountPath, bool ReadOnly = false, string? SubPath = null);

public sealed record Probe(
    HttpGetAction? HttpGet, int InitialDelaySeconds, int PeriodSeconds, int TimeoutSeconds = 5, int FailureThreshold = 3, ExecAction? Exec = null, TcpSocketAction? TcpSocket = null);

public sealed record HttpGetAction(string Path, string Port);

/// <summary>A probe that runs a command in the container, for a check that needs credentials from its environment.</summary>
public sealed record ExecAction(ImmutableArray<string> Command);

/// <summary>A probe that only opens a connection to the port, for a server with no HTTP endpoint to ask.</summary>
public sealed record TcpSocketAction(string Port);

public sealed record ContainerSecurityContext(
    bool ReadOnlyRootFilesystem = true,
    bool AllowPrivilegeEscalation = false,
    int? RunAsUser = null,
    Capabilities? Capabilities = null,
    bool? RunAsNonRoot = null,
    bool? Privileged = null);

public sealed record Capabilities(ImmutableArray<string> Drop, ImmutableArray<string> Add = default);

public sealed record Volume(
    string Name,
    ConfigMapVolumeSource? ConfigMap = null,
    SecretVolumeSource? Secret = null,
    EmptyDirVolumeSource? EmptyDir = null,
    HostPathVolumeSource? HostPath = null,
    ProjectedVolumeSource? Projected = null,
    PersistentVolumeClaimVolumeSource? PersistentVolumeClaim = null);

public sealed record PersistentVolumeClaimVolumeSource(string ClaimName);

public sealed record ProjectedVolumeSource(ImmutableArray<VolumeProjection> Sources);

public sealed record VolumeProjection(ConfigMapVolumeSource ConfigMap);

public sealed record ConfigMapVolumeSource(string Name);

public sealed record SecretVolumeSource(string SecretName);

public sealed record EmptyDirVolumeSource;

public sealed record HostPathVolumeSource(string Path, string? Type = null);

public sealed record PersistentVolumeClaim(ObjectMeta Metadata, PersistentVolumeClaimSpec Spec);

public sealed record PersistentVolumeClaimSpec(
    ImmutableArray<string> AccessModes,
    VolumeResourceRequirements Resources,
    string? StorageClassName = null);

public sealed record VolumeResourceRequirements(ImmutableSortedDictionary<string, string> Requests);
