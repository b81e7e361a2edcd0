using Telc.Spec.Kinds;

namespace Telc.Spec;

/// <summary>The kinds of telc.io/v1alpha1, in the order SPEC.md lists them.</summary>
public static class SpecKinds
{
    public const string ApiVersion = "telc.io/v1alpha1";

    public static readonly KindInfo Project = new("Project", typeof(ProjectSpec), false);
    public static readonly KindInfo Cluster = new("Cluster", typeof(ClusterSpec), false);
    public static readonly KindInfo Backend = new("Backend", typeof(BackendSpec), false);
    public static readonly KindInfo MetricPipeline = new("MetricPipeline", typeof(MetricPipelineSpec), false);
    public static readonly KindInfo LogPipeline = new("LogPipeline", typeof(LogPipelineSpec), false);
    public static readonly KindInfo TracePipeline = new("TracePipeline", typeof(TracePipelineSpec), false);
    public static readonly KindInfo AlertGroup = new("AlertGroup", typeof(AlertGroupSpec), true);
    public static readonly KindInfo Slo = new("SLO", typeof(SloSpec), true);
    public static readonly KindInfo AlertRouting = new("AlertRouting", typeof(AlertRoutingSpec), false);
    public static readonly KindInfo Dashboard = new("Dashboard", typeof(DashboardSpec), true);
    public static readonly KindInfo RetentionPolicy = new("RetentionPolicy", typeof(RetentionPolicySpec), false);
    public static readonly KindInfo Team = new("Team", typeof(TeamSpec), true);
    public static readonly KindInfo Waiver = new("Waiver", typeof(WaiverSpec), true);
    public static readonly KindInfo Preset = new("Preset", typeof(PresetSpec), false);

    public static IReadOnlyList<KindInfo> All { get; } =
    [
        Project, Cluster, Backend, MetricPipeline, LogPipeline, TracePipeline, AlertGroup, Slo, AlertRouting, Dashboard, RetentionPolicy, Team, Waiver, Preset,
    ];

    public static KindInfo? Find(string name) => All.FirstOrDefault(k => k.Name == name);
}
