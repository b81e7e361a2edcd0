namespace Telc.Tests.Support;

/// <summary>
/// How many cases a fuzz target runs, and from which seed: a fixed seed and a bounded count in every test run (so CI
/// is reproducible and fast), more for a long local run (TELC_FUZZ_SCALE multiplies the count, TELC_FUZZ_SEED picks
/// another seed; README, Fuzzing). A failure names the seed, so the run can be repeated.
/// </summary>
public sealed record FuzzRun(int Seed, int Cases)
{
    public static FuzzRun Of(int seed, int cases)
    {
        var scale = int.TryParse(Environment.GetEnvironmentVariable("TELC_FUZZ_SCALE"), out var s) && s > 0 ? s : 1;
        var chosen = int.TryParse(Environment.GetEnvironmentVariable("TELC_FUZZ_SEED"), out var picked) ? picked : seed;
        return new FuzzRun(chosen, checked(cases * scale));
    }

    public Random Random() => new(Seed);

    public override string ToString() => $"seed {Seed}, {Cases:N0} cases (TELC_FUZZ_SEED={Seed} repeats it)";
}
