using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Telc.Diagnostics.Formatting;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Spec;
using Telc.Text;

namespace Telc.Emit;

/// <summary>Metadata every rendered object of a cluster shares: namespace, common labels, provenance.</summary>
public sealed class ObjectFactory(ClusterPlan cluster)
{
    private readonly Dictionary<ObjectMeta, SourceLocation> sources = [];

    public string Namespace => cluster.Namespace;

    /// <summary>
    /// The metadata of an object rendered from a spec document: the document's own labels and annotations, then the
    /// ones telc sets (the checks refuse a document that sets those itself), and provenance pointing at the document.
    /// </summary>
    public ObjectMeta Meta(string name, string app, Resource source, bool clusterScoped = false)
    {
        var meta = new ObjectMeta(name, clusterScoped ? null : cluster.Namespace,
            WithTelcs(source.Metadata.Labels, Labels(name, app)),
            WithTelcs(source.Metadata.Annotations, Provenance(source.Location)));
        sources[meta] = source.Location;
        return meta;
    }

    /// <summary>The spec location an object's metadata was made for; the Cluster document for any other.</summary>
    public SourceLocation SourceOf(ObjectMeta meta) => sources.GetValueOrDefault(meta, cluster.Cluster.Location);

    public ImmutableSortedDictionary<string, string> Labels(string instance, string app) =>
        Selector(instance, app)
            .Add("app.kubernetes.io/part-of", "telemetry")
            .Add("app.kubernetes.io/managed-by", "telc");

    public ImmutableSortedDictionary<string, string> Selector(string instance, string app) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("app.kubernetes.io/name", app),
            KeyValuePair.Create("app.kubernetes.io/instance", instance),
        ]);

    /// <summary>Where the object came from: the spec file (relative to the spec root) and line, and the compiler version.</summary>
    public static ImmutableSortedDictionary<string, string> Provenance(SourceLocation source) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("telc.io/compiler-version", DiagnosticReport.ToolVersion),
            KeyValuePair.Create("telc.io/source", $"{source.File.SpecPath}:{source.Start.Line}"),
        ]);

    /// <summary>A pod template whose checksum annotation changes whenever its configuration does, so pods roll.</summary>
    public PodTemplate Template(string instance, string app, PodSpec spec, params string[] configuration) => new(
        new ObjectMeta(instance, Labels: Labels(instance, app), Annotations: ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("checksum/config", Checksum(configuration)),
        ])),
        spec);

    public static string Checksum(IEnumerable<string> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var text in texts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A container's requests and memory limit: what the spec sets, else the defaults given, each default moved so that
    /// no request exceeds its limit (a request above the default limit raises the limit to it; a limit below a default
    /// request lowers the request to it), as Kubernetes refuses such a container.
    /// </summary>
    public static ResourceRequirements Resources(Spec.Kinds.ResourceSettings? settings, string cpu, string memory, string memoryLimit)
    {
        var (requested, limited) = (settings?.Requests?.Memory, settings?.Limits?.Memory);
        var requestedMemory = requested is { } r ? Quantity.Kubernetes(r)
            : limited is { } under && under.Bytes < Bytes(memory) ? Quantity.Kubernetes(under) : memory;
        var memoryCap = limited is { } l ? Quantity.Kubernetes(l)
            : requested is { } over && over.Bytes > Bytes(memoryLimit) ? Quantity.Kubernetes(over) : memoryLimit;
        var requestedCpu = settings?.Requests?.Cpu
            ?? (settings?.Limits?.Cpu is { } cpuCap && Quantity.Millicores(cpuCap) < Quantity.Millicores(cpu) ? cpuCap : cpu);
        var requests = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("cpu", requestedCpu),
            KeyValuePair.Create("memory", requestedMemory),
        ]);
        var limits = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("memory", memoryCap)]);
        if (settings?.Limits?.Cpu is { } cpuLimit)
        {
            limits = limits.Add("cpu", cpuLimit);
        }

        return new ResourceRequirements(requests, limits);
    }

    private static long Bytes(string quantity) => Spec.Values.ByteSize.TryParse(quantity)!.Bytes;

    /// <summary>An environment variable read from a Secret key: how a secret value reaches a container, never rendered.</summary>
    public static EnvVar SecretVariable(string name, Spec.Kinds.SecretKeyRef key) => new(name, new EnvVarSource(SecretKeyRef: new SecretKeySelector(key.Name, key.Key)));

    /// <summary>A ReadWriteOnce claim of the backend's storage size and class.</summary>
    public static PersistentVolumeClaimSpec ClaimSpec(Spec.Kinds.StorageSettings storage) => new(
        ["ReadWriteOnce"], new VolumeResourceRequirements(Map(("storage", Quantity.Kubernetes(storage.Size)))), storage.StorageClass);

    /// <summary>The StatefulSet claim template named "data", or none when the backend keeps its data in an emptyDir.</summary>
    public static ImmutableArray<PersistentVolumeClaim> DataClaims(Spec.Kinds.StorageSettings? storage) =>
        storage is null ? default : [new PersistentVolumeClaim(new ObjectMeta("data"), ClaimSpec(storage))];

    /// <summary>A document's own labels or annotations with telc's set over them (the checks refuse a document that sets telc's keys).</summary>
    public static ImmutableSortedDictionary<string, string> WithTelcs(ImmutableSortedDictionary<string, string> documents, ImmutableSortedDictionary<string, string> telcs) =>
        documents.WithComparers(StringComparer.Ordinal).SetItems(telcs);

    public static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));
}
