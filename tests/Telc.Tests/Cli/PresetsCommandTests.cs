using Telc.Tests.Support;

namespace Telc.Tests.Cli;

/// <summary><c>telc presets list</c> and <c>telc presets show</c>: the catalog as a user browses it.</summary>
public sealed class PresetsCommandTests
{
    [Fact]
    public void List_names_every_preset_with_its_version_and_what_it_adds()
    {
        var result = CliRunner.Run(RepoPaths.Root, "presets", "list", "examples/microservices");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0]);
        Assert.Equal(14, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("etcd ", StringComparison.Ordinal) && l.Contains(" 1.0.0    built-in  13 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Show_gives_the_options_jobs_alerts_with_thresholds_dashboards_and_metrics()
    {
        var result = CliRunner.Run(RepoPaths.Root, "presets", "show", "etcd", "--version", "1.x");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("etcd 1.0.0 (built-in catalog)\n", result.Output);
        Assert.Contains("control plane: etcd, etcd-overview (off on eks, gke and aks unless the use sets controlPlane: true)", result.Output);
        Assert.Contains("  members = kind-control-plane:2379\n", result.Output);
        Assert.Contains("  etcd/etcd  https  targets kind-control-plane:2379  (control plane)\n", result.Output);
        Assert.Contains("  EtcdHighFsyncDurations  warning  for 10m  threshold 0.5\n", result.Output);
        Assert.Contains("  etcd-overview  etcd  6 panels  (control plane)\n", result.Output);
        Assert.Contains("  etcd_disk_wal_fsync_duration_seconds  histogram\n", result.Output);
    }

    [Fact]
    public void A_misspelt_preset_or_a_version_the_catalog_lacks_is_a_usage_error_with_a_hint()
    {
        var misspelt = CliRunner.Run(RepoPaths.Root, "presets", "show", "etcdd");
        var version = CliRunner.Run(RepoPaths.Root, "presets", "show", "node", "--version", "2");

        Assert.Equal(3, misspelt.ExitCode);
        Assert.Contains("preset 'etcdd' is not in the catalog; did you mean 'etcd'?", misspelt.Error);
        Assert.Equal(3, version.ExitCode);
        Assert.Contains("preset 'node' has no version matching 2; available: 1.0.0", version.Error);
    }
}
