using Telc.Spec.Kinds;

namespace Telc.Emit.OtelCollector;

/// <summary>
/// Which container log files a container input reads, written in the layout each agent reads (its path of a namespace
/// and a container, * for any): the selected namespaces and containers; and the excluded ones, with kube-system and the
/// telemetry namespace unless includeSystem, so that the agents never read their own output and feed it back.
/// </summary>
public static class ContainerLogPaths
{
    public static IEnumerable<string> Included(ContainerLogInput containers, Func<string, string, string> path) =>
        from ns in containers.Namespaces?.Include is { IsDefaultOrEmpty: false } namespaces ? namespaces : ["*"]
        from container in containers.Containers?.Include is { IsDefaultOrEmpty: false } names ? names : ["*"]
        select path(ns, container);

    public static IEnumerable<string> Excluded(string telemetryNamespace, ContainerLogInput containers, Func<string, string, string> path)
    {
        var namespaces = (containers.Namespaces?.Exclude ?? []).ToList();
        if (!containers.IncludeSystem)
        {
            namespaces.AddRange(["kube-system", telemetryNamespace]);
        }

        return namespaces.Distinct(StringComparer.Ordinal).Select(ns => path(ns, "*"))
            .Concat((containers.Containers?.Exclude ?? []).Select(c => path("*", c)));
    }
}
