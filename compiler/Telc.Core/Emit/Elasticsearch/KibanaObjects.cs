using Telc.Emit.Kubernetes;
using Telc.Model;

namespace Telc.Emit.Elasticsearch;

/// <summary>
/// Kibana for an Elasticsearch backend: a Deployment and its Service. It logs in as the built-in kibana_system user,
/// whose password the setup Job sets from the spec's Secret (Kibana refuses the elastic superuser). That is the way
/// that needs nothing but a Secret the user makes: a service account token would have to be created by a running
/// cluster and written back into a Secret, which a rendered manifest cannot do without a Secret-writing Job.
/// </summary>
public static class KibanaObjects
{
    public const int HttpPort = 5601;

    private const string App = "kibana";

    public static IEnumerable<IKubernetesObject> For(ElasticsearchPlan plan, ObjectFactory factory)
    {
        var name = plan.KibanaName;
        (string Name, string Value)[] settings =
        [
            ("ELASTICSEARCH_HOSTS", ElasticsearchWriter.Url(plan.ObjectName)),
            ("ELASTICSEARCH_USERNAME", "kibana_system"),
            ("TELEMETRY_OPTIN", "false"),
        ];
        var container = new Container(
            "kibana", Images.Kibana, default, [new NamedPort("http", HttpPort)],
            ObjectFactory.Resources(null, "250m", "1Gi", "1Gi"),
            // Ready once it reaches Elasticsearch with its saved objects (503 until then; no login needed). No liveness
            // probe: Kibana answers 503 while Elasticsearch is away, and restarting it would not bring it back.
            ReadinessProbe: new Probe(new HttpGetAction("/api/status", "http"), 30, 10),
            // Kibana writes its data folder (uuid) under its home.
            SecurityContext: new ContainerSecurityContext(ReadOnlyRootFilesystem: false, RunAsUser: ElasticsearchNodes.User, Capabilities: new Capabilities(["ALL"]), RunAsNonRoot: true),
            Env: [.. settings.Select(s => new EnvVar(s.Name, Value: s.Value)),
                .. plan.Spec.KibanaPasswordSecretRef is { } password ? [ObjectFactory.SecretVariable("ELASTICSEARCH_PASSWORD", password)] : Array.Empty<EnvVar>()]);
        var pod = new PodSpec([container], SecurityContext: new PodSecurityContext(FsGroup: ElasticsearchNodes.User));
        return
        [
            new Service(factory.Meta(name, App, plan.Backend), new ServiceSpec(factory.Selector(name, App), [new ServicePort("http", HttpPort, "http")])),
            new Deployment(factory.Meta(name, App, plan.Backend), new DeploymentSpec(1, new LabelSelector(factory.Selector(name, App)),
                factory.Template(name, App, pod, string.Join("\n", settings.Select(s => $"{s.Name}={s.Value}"))))),
        ];
    }
}
