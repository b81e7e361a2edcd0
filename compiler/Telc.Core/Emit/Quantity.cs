using Telc.Spec.Values;

namespace Telc.Emit;

/// <summary>Sizes as Kubernetes quantities and Prometheus retention sizes, exact to the byte.</summary>
public static class Quantity
{
    private static readonly string[] BinaryUnits = ["", "Ki", "Mi", "Gi", "Ti", "Pi"];
    private static readonly string[] PrometheusUnits = ["B", "KB", "MB", "GB", "TB", "PB"];

    /// <summary>The largest binary unit that divides the size exactly: 40GiB → 40Gi, 40GB → 39062500Ki.</summary>
    public static string Kubernetes(ByteSize size) => Largest(size.Bytes, BinaryUnits);

    /// <summary>Prometheus reads KB, MB, GB … as powers of 1024.</summary>
    public static string PrometheusSize(ByteSize size) => Largest(size.Bytes, PrometheusUnits);

    /// <summary>A Kubernetes CPU quantity in millicores: 500m → 500, 2 → 2000, 0.5 → 500.</summary>
    public static decimal Millicores(string cpu) =>
        cpu.EndsWith('m') ? decimal.Parse(cpu[..^1], System.Globalization.CultureInfo.InvariantCulture)
            : decimal.Parse(cpu, System.Globalization.CultureInfo.InvariantCulture) * 1000;

    private static string Largest(long bytes, string[] units)
    {
        var unit = 0;
        while (unit < units.Length - 1 && bytes != 0 && bytes % 1024 == 0)
        {
            bytes /= 1024;
            unit++;
        }

        return bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + units[unit];
    }
}
