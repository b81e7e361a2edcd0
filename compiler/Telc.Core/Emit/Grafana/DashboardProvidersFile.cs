using System.Collections.Immutable;
using Telc.Output;
using static Telc.Output.OutTree;

namespace Telc.Emit.Grafana;

/// <summary>
/// Grafana's dashboards/telc.yaml: one file provider per dashboard folder, reading the folder's mounted directory.
/// Grafana re-reads the files every <see cref="UpdateIntervalSeconds"/> itself, so a changed dashboard needs no restart;
/// what Grafana shows comes from git only (no deletion, no saving from the UI).
/// </summary>
public static class DashboardProvidersFile
{
    public const string FileName = "telc.yaml";

    public const int UpdateIntervalSeconds = 30;

    /// <summary>Where dashboard folders are mounted, one directory each.</summary>
    public const string DashboardsDirectory = "/var/lib/grafana/dashboards";

    public static string PathOf(DashboardFolder folder) => $"{DashboardsDirectory}/{folder.Directory}";

    public static OutMap Build(ImmutableArray<DashboardFolder> folders) => ProvisioningText.Escape(Map(
        ("apiVersion", 1),
        ("providers", Seq(folders.Select(f => (object)Map(
            ("name", f.Directory),
            ("type", "file"),
            ("folder", f.Title),
            ("folderUid", f.Uid),
            ("disableDeletion", true),
            ("allowUiUpdates", false),
            ("updateIntervalSeconds", UpdateIntervalSeconds),
            ("options", Map(("path", PathOf(f))))))))));
}
