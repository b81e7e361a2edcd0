using Telc.Model;
using Telc.Spec.Values;

namespace Telc.Diff;

/// <summary>
/// What each Prometheus of a cluster keeps, scrapes and ships: retention (shortening it in production loses data
/// for good), scrape jobs (a pipeline's inputs and filters) and remote-write outputs.
/// </summary>
public static class PrometheusChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        var production = Environments.IsProduction(after?.Environment ?? before?.Environment);
        var old = (before?.Prometheuses ?? []).ToDictionary(p => p.ObjectName, StringComparer.Ordinal);
        var current = (after?.Prometheuses ?? []).ToDictionary(p => p.ObjectName, StringComparer.Ordinal);
        foreach (var name in old.Keys.Intersect(current.Keys).Order(StringComparer.Ordinal))
        {
            Retention(name, old[name], current[name], production, changes);
        }

        changes.Match(Jobs(before), Jobs(after),
            (name, job) => changes.Add(ChangeArea.ScrapeJob, name, ChangeKind.Added, $"added ({Describe(job)}, from {job.Pipeline.DisplayName})", Risk.Low),
            (name, job) => changes.Add(ChangeArea.ScrapeJob, name, ChangeKind.Removed, $"removed: its metrics stop ({job.Pipeline.DisplayName})", production ? Risk.High : Risk.Medium),
            (name, oldJob, newJob) =>
            {
                if (Describe(oldJob) != Describe(newJob))
                {
                    var slower = newJob.Interval.Value > oldJob.Interval.Value;
                    changes.Add(ChangeArea.ScrapeJob, name, ChangeKind.Changed, $"{Describe(oldJob)} → {Describe(newJob)}", slower ? Risk.Medium : Risk.Low);
                }
            });

        changes.Match(Outputs(before), Outputs(after),
            (name, output) => changes.Add(ChangeArea.Output, name, ChangeKind.Added, $"added: ships {Shipped(output)}", Risk.Low),
            (name, _) => changes.Add(ChangeArea.Output, name, ChangeKind.Removed, "removed: series are no longer shipped there", production ? Risk.High : Risk.Medium),
            (name, oldOutput, newOutput) =>
            {
                if (oldOutput.Endpoint.Url != newOutput.Endpoint.Url)
                {
                    changes.Add(ChangeArea.Output, name, ChangeKind.Changed,
                        $"endpoint {SecretValues.MaskUrlCredentials(oldOutput.Endpoint.Url)} → {SecretValues.MaskUrlCredentials(newOutput.Endpoint.Url)}", Risk.Medium);
                }

                if (Shipped(oldOutput) != Shipped(newOutput) || oldOutput.QueueCapacity != newOutput.QueueCapacity)
                {
                    changes.Add(ChangeArea.Output, name, ChangeKind.Changed, $"ships {Shipped(oldOutput)} → {Shipped(newOutput)}", Risk.Low);
                }
            });
    }

    private static void Retention(string prometheus, PrometheusPlan before, PrometheusPlan after, bool production, ChangeList changes)
    {
        var subject = $"{before.Backend.Name} ({prometheus})";
        if (before.RetentionTime?.Text != after.RetentionTime?.Text)
        {
            var shorter = Shorter(before.RetentionTime, after.RetentionTime);
            changes.Add(ChangeArea.Retention, subject, ChangeKind.Changed,
                $"time {before.RetentionTime?.Text ?? "default"} → {after.RetentionTime?.Text ?? "default"}{(shorter ? ", older data is deleted" : string.Empty)}",
                shorter ? (production ? Risk.High : Risk.Medium) : Risk.Low);
        }

        if (before.RetentionSize?.Bytes != after.RetentionSize?.Bytes)
        {
            var smaller = after.RetentionSize is { } size && (before.RetentionSize is null || size.Bytes < before.RetentionSize.Bytes);
            changes.Add(ChangeArea.Retention, subject, ChangeKind.Changed,
                $"size {before.RetentionSize?.Text ?? "unlimited"} → {after.RetentionSize?.Text ?? "unlimited"}",
                smaller ? (production ? Risk.High : Risk.Medium) : Risk.Low);
        }
    }

    /// <summary>A missing retention means Prometheus' default of 15 days.</summary>
    private static bool Shorter(Duration? before, Duration? after) =>
        (after?.Value ?? TimeSpan.FromDays(15)) < (before?.Value ?? TimeSpan.FromDays(15));

    private static Dictionary<string, ScrapeJobPlan> Jobs(ClusterPlan? plan)
    {
        var jobs = new Dictionary<string, ScrapeJobPlan>(StringComparer.Ordinal);
        foreach (var prometheus in plan?.Prometheuses ?? [])
        {
            foreach (var job in prometheus.Jobs)
            {
                jobs.TryAdd(plan!.Prometheuses.Length > 1 ? $"{job.Name} on {prometheus.ObjectName}" : job.Name, job);
            }
        }

        return jobs;
    }

    private static Dictionary<string, RemoteWritePlan> Outputs(ClusterPlan? plan)
    {
        var outputs = new Dictionary<string, RemoteWritePlan>(StringComparer.Ordinal);
        foreach (var prometheus in plan?.Prometheuses ?? [])
        {
            foreach (var output in prometheus.RemoteWrites)
            {
                outputs.TryAdd($"{output.Backend.Name} (remote write from {prometheus.ObjectName})", output);
            }
        }

        return outputs;
    }

    private static string Shipped(RemoteWritePlan output) => output.JobNames.IsDefaultOrEmpty ? "every job" : string.Join(", ", output.JobNames);

    private static string Describe(ScrapeJobPlan job)
    {
        var parts = new List<string> { $"every {job.Interval.Text}" };
        if (job.Namespaces is { } namespaces)
        {
            parts.Add(Namespaces("namespaces", namespaces.Include, namespaces.Exclude));
        }

        if (job.Filter is { } filter)
        {
            if (filter.Namespaces is { } kept)
            {
                parts.Add(Namespaces("kept namespaces", kept.Include, kept.Exclude));
            }

            parts.Add(List("dropped workloads", filter.DropWorkloads));
            parts.Add(List("dropped metrics", filter.DropMetrics));
            parts.Add(List("dropped labels", filter.DropLabels));
        }

        if (job.Selector is { } selector)
        {
            parts.Add($"services {string.Join(",", selector.MatchLabels.Select(l => $"{l.Key}={l.Value}"))} port {selector.Port} {selector.Path}");
        }

        return string.Join("; ", parts.Where(p => p.Length > 0));
    }

    private static string Namespaces(string what, System.Collections.Immutable.ImmutableArray<string> include, System.Collections.Immutable.ImmutableArray<string> exclude) =>
        string.Join(" ", new[] { List($"{what} in", include), List($"{what} not in", exclude) }.Where(p => p.Length > 0));

    private static string List(string what, System.Collections.Immutable.ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? string.Empty : $"{what} {string.Join(", ", values)}";
}
