namespace Telc.Emit.Kubernetes;

/// <summary>A run-to-completion task. Its pod template cannot change once created, so a changed Job is a new name.</summary>
public sealed record Job(ObjectMeta Metadata, JobSpec Spec) : IKubernetesObject
{
    public string ApiVersion => "batch/v1";

    public string Kind => "Job";
}

public sealed record JobSpec(PodTemplate Template, int BackoffLimit);
