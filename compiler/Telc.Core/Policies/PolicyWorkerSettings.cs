namespace Telc.Policies;

/// <summary>
/// Where the policy worker is and what it may spend. The worker is telc-policy beside telc (or in its
/// policy-worker folder), or the program TELC_POLICY_WORKER names; compiled policies are cached under
/// TELC_CACHE_DIR, else $XDG_CACHE_HOME/telc, else ~/.cache/telc. Each policy may run TELC_POLICY_TIMEOUT seconds (default 5).
/// </summary>
public sealed record PolicyWorkerSettings(string? Worker, string? CacheDirectory, TimeSpan PolicyTimeout, TimeSpan CompileTimeout, long MemoryLimitBytes)
{
    /// <summary>What all policies of a run may take together: three policies' worth, so looping policies cannot add up.</summary>
    public TimeSpan AllPoliciesTimeout => PolicyTimeout * 3;

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
        return new PolicyWorkerSettings(worker, cache is null ? null : Path.Combine(cache, "policies"),
            PolicyTimeout: TimeSpan.FromSeconds(Timeout(variable("TELC_POLICY_TIMEOUT"))), CompileTimeout: TimeSpan.FromMinutes(1), MemoryLimitBytes: 512L << 20);
    }

    /// <summary>TELC_POLICY_TIMEOUT in seconds: 5 when unset, else a number from 0.1 to 600.</summary>
    /// <exception cref="FormatException">The value is not such a number (1e300, Infinity, NaN, -5, 1e-300, 5s).</exception>
    private static double Timeout(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 5;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0.1 and <= 600
            ? seconds
            : throw new FormatException($"TELC_POLICY_TIMEOUT is '{text}'; it must be a number of seconds from 0.1 to 600 (default 5)");
    }
}
