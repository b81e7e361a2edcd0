using System.Text;

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

    /// <summary>A few random edits of a real query: truncated, a fragment inserted, characters removed or replaced, a slice repeated, deep nesting.</summary>
    public static string Mutate(string seed, Random random, string[] fragments)
    {
        var text = new StringBuilder(seed);
        for (var edits = random.Next(1, 4); edits > 0 && text.Length > 0; edits--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(6))
            {
                case 0:
                    text.Length = at;
                    break;
                case 1:
                    text.Insert(at, fragments[random.Next(fragments.Length)]);
                    break;
                case 2:
                    text.Remove(at, Math.Min(text.Length - at, random.Next(1, 6)));
                    break;
                case 3:
                    text[at] = (char)random.Next(0, 128);
                    break;
                case 4:
                    var length = Math.Min(text.Length - at, random.Next(1, 12));
                    text.Insert(random.Next(text.Length), text.ToString(at, length));
                    break;
                default:
                    text.Insert(0, new string('(', 50)).Append(new string(')', 50));
                    break;
            }
        }

        return text.ToString();
    }
}
