namespace Telc.Policies;

/// <summary>
/// Where the policy worker is and what it may spend. The worker is telc-policy beside telc (or in its
/// policy-worker folder), or the program TELC_POLICY_WORKER names; compiled policies are cached under
/// TELC_CACHE_DIR, else $XDG_CACHE_HOME/telc, else ~/.cache/telc. Each policy may run TELC_POLICY_TIMEOUT seconds (default 5).
/// </summary>
public sealed record PolicyWorkerSettings(string? Worker, string? CacheDirectory, TimeSpan PolicyTimeout, TimeSpan CompileTimeout, long MemoryLimitBytes)
{
    public static PolicyWorkerSettings FromEnvironment(Func<string, string?> variable)
    {
        var worker = variable("TELC_POLICY_WORKER") is { Length: > 0 } named
            ? named
            : new[] { Path.Combine(AppContext.BaseDirectory, "policy-worker", "telc-policy"), Path.Combine(AppContext.BaseDirectory, "telc-policy") }
                .FirstOrDefault(apphost => File.Exists(apphost) && File.Exists(apphost + ".dll"));
        var cache = variable("TELC_CACHE_DIR") is { Length: > 0 } explicitCache
            ? explicitCache
            : variable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "telc")
            : variable("HOME") is { Length: > 0 } home ? Path.Combine(home, ".cache", "telc")
            : null;
        var timeout = double.TryParse(variable("TELC_POLICY_TIMEOUT"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 5;
        return new PolicyWorkerSettings(worker, cache is null ? null : Path.Combine(cache, "policies"),
            PolicyTimeout: TimeSpan.FromSeconds(timeout), CompileTimeout: TimeSpan.FromMinutes(1), MemoryLimitBytes: 512L << 20);
    }
}
