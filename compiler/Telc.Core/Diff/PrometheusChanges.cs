using Telc.Emit.Prometheus;
using Telc.Model;
using Telc.Spec.Values;
using Telc.Text;

namespace Telc.Diff;

/// <summary>
/// What each Prometheus of a cluster keeps, scrapes and ships: retention (shortening it in production loses data
/// for good), scrape jobs (a pipeline's inputs and filters) and remote-write outputs.
/// </summary>
public static class PrometheusChanges
{
    public static void Compare(ClusterPlan? before, ClusterPlan? after, ChangeList changes)
    {
        var production = (after ?? before)?.Tier == Spec.Kinds.EnvironmentTier.Production;
        var (sameServers, _, _) = Pairing.Pair(before?.Metrics.Prometheuses ?? [], after?.Metrics.Prometheuses ?? [], Pairing.ByNameThenSoleServer<PrometheusPlan>(p => p.ObjectName));
        foreach (var (was, now) in sameServers)
        {
            Retention(now.ObjectName, was, now, production, changes);
        }

        changes.Match(Jobs(before), Jobs(after),
            (name, job) => changes.Add(ChangeArea.ScrapeJob, name, ChangeKind.Added, $"added ({Describe(job)}, from {job.Pipeline.DisplayName})", Risk.Low),
            (name, job) => changes.Add(ChangeArea.ScrapeJob, name, ChangeKind.Removed, $"removed: its metrics stop ({job.Pipeline.DisplayName})", production ? Risk.High : Risk.Medium),
            (name, oldJob, newJob) =>
            {
                var (was, now) = (Parts(oldJob), Parts(newJob));
                var changed = now.Keys.Union(was.Keys).Order(StringComparer.Ordinal)
                    .Where(part => was.GetValueOrDefault(part) != now.GetValueOrDefault(part))
                    .Select(part => $"{part} {was.GetValueOrDefault(part) ?? "none"} → {now.GetValueOrDefault(part) ?? "none"}")
                    .ToArray();
                if (changed.Length > 0)
                {
                    // Anything but a faster scrape or fewer drops keeps less: a slower interval, narrower namespaces, more drops.
                    var keepsMore = newJob.Interval.Value <= oldJob.Interval.Value && changed.All(c => c.StartsWith("interval", StringComparison.Ordinal));
                    changes.Add(ChangeArea.ScrapeJob, name, ChangeKind.Changed, string.Join("; ", changed), keepsMore ? Risk.Low : Risk.Medium);
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
                        $"endpoint {Credentials.Hide(oldOutput.Endpoint.Url)} → {Credentials.Hide(newOutput.Endpoint.Url)}", Risk.Medium);
                }

                if (Shipped(oldOutput) != Shipped(newOutput) || oldOutput.QueueCapacity != newOutput.QueueCapacity)
                {
                    var shipsLess = !newOutput.JobNames.IsDefaultOrEmpty && (oldOutput.JobNames.IsDefaultOrEmpty || oldOutput.JobNames.Except(newOutput.JobNames).Any());
                    changes.Add(ChangeArea.Output, name, ChangeKind.Changed, $"ships {Shipped(oldOutput)} → {Shipped(newOutput)}", shipsLess ? Risk.Medium : Risk.Low);
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

        StoreRetention.CompareSize(subject, before.RetentionSize, after.RetentionSize, production, changes);
    }

    /// <summary>A missing retention means Prometheus' default of 15 days.</summary>
    private static bool Shorter(Duration? before, Duration? after) =>
        (after?.Value ?? TimeSpan.FromDays(15)) < (before?.Value ?? TimeSpan.FromDays(15));

    private static Dictionary<string, ScrapeJobPlan> Jobs(ClusterPlan? plan)
    {
        var jobs = new Dictionary<string, ScrapeJobPlan>(StringComparer.Ordinal);
        foreach (var prometheus in plan?.Metrics.Prometheuses ?? [])
        {
            foreach (var job in prometheus.Jobs)
            {
                jobs.TryAdd(plan!.Metrics.Prometheuses.Length > 1 ? $"{job.Name} on {prometheus.ObjectName}" : job.Name, job);
            }
        }

        return jobs;
    }

    private static Dictionary<string, RemoteWritePlan> Outputs(ClusterPlan? plan)
    {
        var outputs = new Dictionary<string, RemoteWritePlan>(StringComparer.Ordinal);
        foreach (var prometheus in plan?.Metrics.Prometheuses ?? [])
        {
            foreach (var output in prometheus.RemoteWrites)
            {
                outputs.TryAdd($"{output.Backend.Name} (remote write from {prometheus.ObjectName})", output);
            }
        }

        return outputs;
    }

    private static string Shipped(RemoteWritePlan output) => output.JobNames.IsDefaultOrEmpty ? "every job" : string.Join(", ", output.JobNames);

    private static string Describe(ScrapeJobPlan job) => string.Join("; ", Parts(job).Select(p => $"{p.Key} {p.Value}"));

    /// <summary>What a job keeps, part by part, so that a change names only the part that changed.</summary>
    private static SortedDictionary<string, string> Parts(ScrapeJobPlan job)
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["interval"] = job.Interval.Text };
        void Add(string name, System.Collections.Immutable.ImmutableArray<string> values)
        {
            if (!values.IsDefaultOrEmpty)
            {
                parts[name] = string.Join(", ", values);
            }
        }

        Add("namespaces", job.Namespaces?.Include ?? default);
        Add("excluded namespaces", job.Namespaces?.Exclude ?? default);
        Add("kept namespaces", job.Filter?.Namespaces?.Include ?? default);
        Add("dropped namespaces", job.Filter?.Namespaces?.Exclude ?? default);
        Add("dropped workloads", job.Filter?.DropWorkloads ?? default);
        Add("dropped metrics", job.Filter?.DropMetrics ?? default);
        Add("dropped labels", job.Filter?.DropLabels ?? default);
        if (job.Selector is { } selector)
        {
            if (selector.Targets.IsDefaultOrEmpty)
            {
                parts["services"] = $"{string.Join(",", selector.MatchLabels.Select(l => $"{l.Key}={l.Value}"))} port {selector.Port} {selector.Path}";
            }
            else
            {
                parts["targets"] = $"{string.Join(",", selector.Targets.Select(t => t.Value))} {selector.Path}";
            }

            parts["scheme"] = selector.Scheme.ToString().ToLowerInvariant();
            Add("tls", selector.Tls is { } tls
                ? [tls.ClusterCa ? "cluster CA" : tls.CaSecretRef is { } ca ? $"CA {ca.Name}/{ca.Key}" : "system CA",
                    .. tls.ClientCertSecretRef is { } cert ? new[] { $"client certificate {cert.Name}" } : [],
                    .. tls.InsecureSkipVerify ? new[] { "certificate not verified" } : []]
                : default);
            Add("token", PrometheusConfigBuilder.TokenFile(selector.Auth) is { } token ? [selector.Auth!.BearerTokenSecretRef is { } secret ? $"Secret {secret.Name}" : token] : default);
        }

        return parts;
    }
}
