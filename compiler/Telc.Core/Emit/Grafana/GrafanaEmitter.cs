using System.Collections.Immutable;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Output;
using Telc.Spec;
using Telc.Spec.Kinds;

namespace Telc.Emit.Grafana;

/// <summary>
/// A Grafana per Grafana backend of a cluster: a StatefulSet of one keeping its SQLite database on its volume claim (an
/// emptyDir without storage), a Service on 3000, provisioned datasources (<see cref="GrafanaDatasourcesFile"/>) and
/// dashboard folders (<see cref="DashboardProvidersFile"/>), both checked against the schema derived from Grafana's
/// sources. The admin password and the datasources' credentials come from Secrets through the environment, never
/// rendered. A change of the provisioning files rolls the pod, as Grafana reads them at start; a changed dashboard does
/// not, as Grafana re-reads those itself.
/// </summary>
public sealed class GrafanaEmitter : IEmitter
{
    public const string App = "grafana";

    /// <summary>The uid and gid of the image's grafana user.</summary>
    public const int User = 472;

    public const string AdminUser = "admin";

    public const string AdminPasswordVariable = "GF_SECURITY_ADMIN_PASSWORD";

    public const string DataDirectory = "/var/lib/grafana";

    public const string ProvisioningDirectory = "/etc/grafana/provisioning";

    /// <summary>A Grafana, and every dashboard a Grafana shows (a Dashboard document naming a preset is not one: the preset's dashboards come with the preset).</summary>
    public bool Renders(SpecModel model, Resource resource) => resource.Spec switch
    {
        BackendSpec { Grafana: not null } => true,
        DashboardSpec { Preset: null } dashboard => model.OfKind<BackendSpec>().Any(b => b.Spec.Grafana is not null && (dashboard.Grafana is null || dashboard.Grafana.Value == b.Resource.Name)),
        _ => false,
    };

    public IEnumerable<Component> Emit(ClusterPlan cluster, EmitContext context) =>
        cluster.Grafanas.Select(plan => Emit(cluster, plan, GrafanaDashboards.For(cluster, plan.Backend, context), context));

    /// <param name="folders">The dashboard folders the Grafana shows, each mounted from its ConfigMaps.</param>
    public static Component Emit(ClusterPlan cluster, GrafanaPlan plan, ImmutableArray<DashboardFolder> folders, EmitContext context)
    {
        var factory = context.Factory;
        var name = plan.ObjectName;
        var sources = GrafanaDatasourcesFile.Resolve(cluster, plan);
        var datasources = GrafanaDatasourcesFile.Build(sources);
        var providers = DashboardProvidersFile.Build(folders);
        var credentials = sources.Select(s => s.Credential).OfType<DatasourceCredential>().ToImmutableArray();
        ConfigProblem.ReportForStore(
            [.. GrafanaProvisioningChecker.CheckDatasources(datasources, credentials.Select(c => c.Variable).ToHashSet(StringComparer.Ordinal)),
                .. GrafanaProvisioningChecker.CheckDashboards(providers)],
            "Grafana", plan.Backend, cluster.Name, context.Diagnostics);
        var datasourcesText = CanonicalYamlWriter.Write(datasources);
        var providersText = CanonicalYamlWriter.Write(providers);

        var dashboardVolumes = folders.Select((folder, i) => (Folder: folder, Volume: $"dashboards-{i}")).ToArray();
        var health = new HttpGetAction("/api/health", "http");
        var container = new Container(
            App, Images.Grafana, default, [new NamedPort("http", GrafanaPlan.HttpPort)],
            ObjectFactory.Resources(plan.Spec.Resources, "100m", "256Mi", "512Mi"),
            [
                new VolumeMount("data", DataDirectory),
                new VolumeMount("tmp", "/tmp"),
                new VolumeMount("datasources", $"{ProvisioningDirectory}/datasources", ReadOnly: true),
                new VolumeMount("dashboard-providers", $"{ProvisioningDirectory}/dashboards", ReadOnly: true),
                .. dashboardVolumes.Select(d => new VolumeMount(d.Volume, DashboardProvidersFile.PathOf(d.Folder), ReadOnly: true)),
            ],
            ReadinessProbe: new Probe(health, 10, 10),
            LivenessProbe: new Probe(health, 60, 30, FailureThreshold: 5),
            SecurityContext: new ContainerSecurityContext(Capabilities: new Capabilities(["ALL"]), RunAsNonRoot: true),
            Env: [.. Settings.Select(s => new EnvVar(s.Name, Value: s.Value)),
                .. plan.Spec.AdminPasswordSecretRef is { } admin ? [ObjectFactory.SecretVariable(AdminPasswordVariable, admin)] : Array.Empty<EnvVar>(),
                .. credentials.Select(c => ObjectFactory.SecretVariable(c.Variable, c.Secret))]);
        var pod = new PodSpec([container],
            Volumes: [
                .. plan.Spec.Storage is null ? [new Volume("data", EmptyDir: new EmptyDirVolumeSource())] : Array.Empty<Volume>(),
                new Volume("tmp", EmptyDir: new EmptyDirVolumeSource()),
                new Volume("datasources", ConfigMap: new ConfigMapVolumeSource(name + "-datasources")),
                new Volume("dashboard-providers", ConfigMap: new ConfigMapVolumeSource(name + "-dashboard-providers")),
                .. dashboardVolumes.Select(d => new Volume(d.Volume, Projected: new ProjectedVolumeSource(
                    [.. d.Folder.ConfigMaps.Select(m => new VolumeProjection(new ConfigMapVolumeSource(m.Metadata.Name)))]))),
            ],
            SecurityContext: new PodSecurityContext(User, User, User, true), TerminationGracePeriodSeconds: 30);
        return new Component(name, [
            new ConfigMap(factory.Meta(name + "-datasources", App, plan.Backend), ObjectFactory.Map((GrafanaDatasourcesFile.FileName, datasourcesText))),
            new ConfigMap(factory.Meta(name + "-dashboard-providers", App, plan.Backend), ObjectFactory.Map((DashboardProvidersFile.FileName, providersText))),
            .. folders.SelectMany(f => f.ConfigMaps),
            new Service(factory.Meta(name, App, plan.Backend), new ServiceSpec(factory.Selector(name, App), [new ServicePort("http", GrafanaPlan.HttpPort, "http")])),
            new StatefulSet(factory.Meta(name, App, plan.Backend), new StatefulSetSpec(
                1, name, new LabelSelector(factory.Selector(name, App)), factory.Template(name, App, pod, datasourcesText, providersText),
                ObjectFactory.DataClaims(plan.Spec.Storage))),
        ]);
    }

    /// <summary>
    /// Grafana's settings, as GF_SECTION_KEY variables: the paths of the volumes (every path Grafana may write under the
    /// data volume, as the root filesystem is read-only), the admin user, SQLite, logs to the console only, and no
    /// calls home.
    /// </summary>
    private static readonly (string Name, string Value)[] Settings =
    [
        ("GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES", "false"),
        ("GF_ANALYTICS_CHECK_FOR_UPDATES", "false"),
        ("GF_ANALYTICS_FEEDBACK_LINKS_ENABLED", "false"),
        ("GF_ANALYTICS_REPORTING_ENABLED", "false"),
        ("GF_DATABASE_TYPE", "sqlite3"),
        ("GF_LOG_MODE", "console"),
        ("GF_NEWS_NEWS_FEED_ENABLED", "false"),
        ("GF_PATHS_DATA", DataDirectory),
        ("GF_PATHS_LOGS", $"{DataDirectory}/log"),
        ("GF_PATHS_PLUGINS", $"{DataDirectory}/plugins"),
        ("GF_PATHS_PROVISIONING", ProvisioningDirectory),
        ("GF_SECURITY_ADMIN_USER", AdminUser),
    ];
}
