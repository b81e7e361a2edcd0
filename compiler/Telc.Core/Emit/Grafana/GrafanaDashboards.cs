using System.Collections.Immutable;
using System.Text;
using Telc.Diagnostics;
using Telc.Emit.Kubernetes;
using Telc.Model;
using Telc.Spec;

namespace Telc.Emit.Grafana;

/// <summary>
/// The dashboards a Grafana of a cluster shows, by folder: each dashboard one file named by its uid, packed into
/// ConfigMaps below the size Kubernetes accepts. A dashboard too large for one ConfigMap is an error at its document.
/// </summary>
public static class GrafanaDashboards
{
    public static ImmutableArray<DashboardFolder> For(ClusterPlan cluster, Resource grafana, EmitContext context)
    {
        var folders = ImmutableArray.CreateBuilder<DashboardFolder>();
        var objectName = Lowering.ClusterLowering.ObjectName(GrafanaEmitter.App, grafana.Name);
        foreach (var folder in cluster.Dashboards.Where(d => d.Grafana == grafana.Name).GroupBy(d => d.Folder).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var files = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            var sizes = ImmutableSortedDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
            foreach (var dashboard in folder)
            {
                var bytes = Encoding.UTF8.GetByteCount(dashboard.Json);
                if (bytes > RuleConfigMaps.MaxBytes)
                {
                    context.Diagnostics.Add(Diagnostic.At(DiagnosticCatalogue.ConfigMapTooLarge, dashboard.Dashboard.Location,
                        $"{dashboard.Dashboard.DisplayName} renders to {bytes / 1024} KiB of JSON, more than one ConfigMap holds ({RuleConfigMaps.MaxBytes / 1024} KiB)",
                        "split it into several dashboards, or remove panels"));
                    continue;
                }

                files[dashboard.Uid + ".json"] = dashboard.Json;
                sizes[dashboard.Uid + ".json"] = bytes;
            }

            var uid = GrafanaUid.Folder(folder.Key);
            var configMaps = files.Count == 0 ? [] : RuleConfigMaps.Pack($"{objectName}-{uid}", files.ToImmutable(), sizes.ToImmutable(), "dashboards")
                .Select(map => new ConfigMap(context.Factory.Meta(map.Name, GrafanaEmitter.App, grafana), map.Data));
            folders.Add(new DashboardFolder(folder.Key, uid, uid, [.. configMaps]));
        }

        return folders.ToImmutable();
    }
}
