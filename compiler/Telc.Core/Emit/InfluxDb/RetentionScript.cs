using System.Text;
using Telc.Model;
using Telc.Spec.Values;

namespace Telc.Emit.InfluxDb;

/// <summary>
/// The retention Job's script (bash, run in the InfluxDB image with its influx CLI). The image's first-boot setup
/// applies DOCKER_INFLUXDB_INIT_RETENTION only once, when there is no database yet; this script makes a retention that
/// changes later apply too: it waits for InfluxDB, finds the bucket's id by its name and sets its retention
/// (influx bucket update --retention), which is idempotent. The token comes from the environment (INFLUX_TOKEN), never
/// from the command line.
/// </summary>
public static class RetentionScript
{
    public const string FileName = "retention.sh";

    public static string Build(InfluxDbPlan plan)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line("#!/bin/bash");
        Line($"# Retention of the bucket '{plan.Spec.Bucket}' of InfluxDB '{plan.Backend.Name}', rendered by telc. Idempotent.");
        Line("set -euo pipefail");
        Line();
        Line("# Waits until InfluxDB answers, for at most ten minutes (then the Job retries).");
        Line("for attempt in $(seq 60); do");
        Line("  influx ping > /dev/null && break");
        Line("  [ \"$attempt\" -eq 60 ] && { echo \"$INFLUX_HOST did not answer in ten minutes\" >&2; exit 1; }");
        Line("  echo \"waiting for $INFLUX_HOST\"; sleep 10");
        Line("done");
        Line();
        Line($"id=$(influx bucket list --name {Quote(plan.Spec.Bucket)} --hide-headers | cut -f1)");
        Line($"influx bucket update --id \"$id\" --retention {Retention(plan.Retention)}");
        return text.ToString();
    }

    /// <summary>A retention as influx writes durations, in the largest whole unit of h, m and s; 0 keeps data for ever.</summary>
    public static string Retention(Duration? retention)
    {
        if (retention is null)
        {
            return "0";
        }

        var value = retention.Value;
        return value.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)value.TotalHours}h"
            : value.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)value.TotalMinutes}m"
            : $"{(long)value.TotalSeconds}s";
    }

    /// <summary>A bucket name as one shell word: single-quoted, its own single quotes closed and escaped.</summary>
    private static string Quote(string text) => $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
