using System.Collections.Immutable;
using System.Globalization;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec.Kinds;

namespace Telc.Emit.Elasticsearch;

/// <summary>
/// The nodes of an Elasticsearch cluster: a StatefulSet configured through the image's environment settings, a Service
/// the writers and Kibana use, and a headless Service the nodes find each other through. One replica is a
/// single-node cluster; more are master-eligible data nodes that bootstrap together, with transport TLS from the
/// spec's Secret (Elasticsearch refuses to form a cluster without it once security is on). Security is on; HTTP
/// stays plain inside the cluster, behind the elastic password and the users the setup Job makes.
/// </summary>
public static class ElasticsearchNodes
{
    public const int TransportPort = 9300;

    /// <summary>The uid the image runs Elasticsearch as.</summary>
    public const int User = 1000;

    /// <summary>ECK's value for Elasticsearch 8.16 and later; the bootstrap check asks for at least 262144.</summary>
    public const int MaxMapCount = 1048576;

    private const string App = "elasticsearch";
    private const string Home = "/usr/share/elasticsearch";
    private const string Certificates = "certs/transport";

    /// <summary>Below 32 GiB the JVM keeps compressed object pointers.</summary>
    private const long MaxHeapMiB = 31 * 1024;

    private static readonly Spec.Values.ByteSize DefaultMemory = Spec.Values.ByteSize.TryParse("2Gi")!;

    public static IEnumerable<IKubernetesObject> Objects(ElasticsearchPlan plan, ObjectFactory factory)
    {
        var name = plan.ObjectName;
        var nodes = name + "-nodes";
        var settings = Settings(plan, nodes);
        var volumes = new List<Volume>();
        var mounts = new List<VolumeMount> { new("data", $"{Home}/data") };
        if (plan.Spec.Storage is null)
        {
            volumes.Add(new Volume("data", EmptyDir: new EmptyDirVolumeSource()));
        }

        if (plan.Spec.TransportTlsSecretRef is { } transport)
        {
            volumes.Add(new Volume("transport-tls", Secret: new SecretVolumeSource(transport.Name)));
            mounts.Add(new VolumeMount("transport-tls", $"{Home}/config/{Certificates}", ReadOnly: true));
        }

        var container = new Container(
            "elasticsearch", Images.Elasticsearch, default,
            [new NamedPort("http", ElasticsearchWriter.HttpPort), new NamedPort("transport", TransportPort)],
            ObjectFactory.Resources(plan.Spec.Resources, "500m", Quantity.Kubernetes(DefaultMemory), Quantity.Kubernetes(DefaultMemory)),
            [.. mounts],
            // Its health needs the elastic password, so the probe is curl in the container; no liveness probe, as ECK has
            // none: a node busy recovering or collecting garbage would be killed and recover again.
            ReadinessProbe: new Probe(null, 20, 10, Exec: new ExecAction(["bash", "-c",
                $"curl --fail --silent --output /dev/null --user \"elastic:${{{SetupScript.ElasticPassword}}}\" \"http://127.0.0.1:{ElasticsearchWriter.HttpPort}/_cluster/health?wait_for_status=yellow&timeout=1s\""])),
            // Elasticsearch writes its keystore and temporary files under its home at start.
            SecurityContext: new ContainerSecurityContext(ReadOnlyRootFilesystem: false, RunAsUser: User, Capabilities: new Capabilities(["ALL"]), RunAsNonRoot: true),
            Env: [new EnvVar("node.name", new EnvVarSource(new ObjectFieldSelector("metadata.name"))),
                .. settings.Select(s => new EnvVar(s.Key, Value: s.Value)),
                ObjectFactory.SecretVariable(SetupScript.ElasticPassword, plan.Spec.PasswordSecretRef)]);
        var pod = new PodSpec([container], Volumes: [.. volumes], SecurityContext: new PodSecurityContext(FsGroup: User), TerminationGracePeriodSeconds: 120,
            InitContainers: plan.Spec.SetMaxMapCount ? [MaxMapCountContainer()] : default);
        var configuration = string.Join("\n", settings.Select(s => $"{s.Key}={s.Value}"));
        var http = new ServicePort("http", ElasticsearchWriter.HttpPort, "http");
        return
        [
            new Service(factory.Meta(name, App, plan.Backend), new ServiceSpec(factory.Selector(name, App), [http])),
            // Nodes find each other before they are ready, so the headless Service lists them from the start.
            new Service(factory.Meta(nodes, App, plan.Backend), new ServiceSpec(factory.Selector(name, App),
                [http, new ServicePort("transport", TransportPort, "transport")], ClusterIP: "None", PublishNotReadyAddresses: true)),
            new StatefulSet(factory.Meta(name, App, plan.Backend), new StatefulSetSpec(
                plan.Spec.Replicas, nodes, new LabelSelector(factory.Selector(name, App)), factory.Template(name, App, pod, configuration),
                ObjectFactory.DataClaims(plan.Spec.Storage))),
        ];
    }

    /// <summary>The node settings, as environment variables named after them (the image reads them so).</summary>
    private static List<KeyValuePair<string, string>> Settings(ElasticsearchPlan plan, string nodes)
    {
        var settings = new List<KeyValuePair<string, string>>
        {
            new("cluster.name", plan.ObjectName),
            new("network.host", "0.0.0.0"),
        };
        if (plan.Spec.Replicas == 1)
        {
            settings.Add(new("discovery.type", "single-node"));
        }
        else
        {
            settings.Add(new("discovery.seed_hosts", nodes));
            // Read only when the cluster first forms; afterwards the nodes keep their cluster in their data.
            settings.Add(new("cluster.initial_master_nodes", string.Join(",", Enumerable.Range(0, plan.Spec.Replicas).Select(i => $"{plan.ObjectName}-{i}"))));
        }

        settings.AddRange([
            new("xpack.security.enabled", "true"),
            new("xpack.security.http.ssl.enabled", "false"),
            new("xpack.license.self_generated.type", "basic"),
        ]);
        if (plan.Spec.TransportTlsSecretRef is { } transport)
        {
            // The nodes share one certificate, checked against the CA but not against their names.
            settings.AddRange([
                new("xpack.security.transport.ssl.enabled", "true"),
                new("xpack.security.transport.ssl.verification_mode", "certificate"),
                new("xpack.security.transport.ssl.certificate_authorities", $"{Certificates}/{transport.CaKey}"),
                new("xpack.security.transport.ssl.certificate", $"{Certificates}/{transport.CertKey}"),
                new("xpack.security.transport.ssl.key", $"{Certificates}/{transport.KeyKey}"),
            ]);
        }

        var heap = $"{Heap(plan.Spec.Resources).ToString(CultureInfo.InvariantCulture)}m";
        settings.Add(new("ES_JAVA_OPTS", $"-Xms{heap} -Xmx{heap}"));
        return settings;
    }

    /// <summary>Half the container's memory limit, in MiB, as Elastic advises: the rest is the file system cache Lucene lives on.</summary>
    private static long Heap(ResourceSettings? resources) =>
        Math.Clamp((resources?.Limits?.Memory ?? DefaultMemory).Bytes / 2 / (1024 * 1024), 256, MaxHeapMiB);

    /// <summary>Raises vm.max_map_count of the node (never lowers it); the only privileged part, and it ends before Elasticsearch starts.</summary>
    private static Container MaxMapCountContainer() => new(
        "max-map-count", Images.Elasticsearch, default, default,
        ObjectFactory.Resources(null, "10m", "16Mi", "32Mi"),
        SecurityContext: new ContainerSecurityContext(AllowPrivilegeEscalation: true, RunAsUser: 0, RunAsNonRoot: false, Privileged: true),
        Command: ["sh", "-c", $"[ \"$(sysctl -n vm.max_map_count)\" -ge {MaxMapCount} ] || sysctl -w vm.max_map_count={MaxMapCount}"]);
}
