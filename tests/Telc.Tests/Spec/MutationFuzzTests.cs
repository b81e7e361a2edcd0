using Telc.Sources;
using Telc.Tests.Support;

namespace Telc.Tests.Spec;

/// <summary>
/// Mutates the quickstart spec line by line (values swapped for other types, lines dropped, duplicated,
/// truncated or indented with tabs) and checks that every mutant ends in diagnostics, never an exception.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class MutationFuzzTests
{
    private static readonly string[] Replacements =
        ["[a, b]", "{ x: 1 }", "", "~", "\"text\"", "12", "-3", "1.5", "true", "no", "99999999999999999999", "*missing", "&a x", "!!binary aGk=", "'unclosed", "[", "{", "|", ">-"];

    [Fact]
    public void Mutants_of_the_quickstart_never_throw()
    {
        var root = RepoPaths.Combine("examples", "quickstart", "telemetry");
        var originals = new WorkingTreeSource(root, root).Read().Files;
        var run = FuzzRun.Of(seed: 20261125, cases: 150);
        var random = run.Random();
        var mutants = 0;
        using var folder = new TempFolder();
        for (var round = 0; round < run.Cases; round++)
        {
            foreach (var file in originals)
            {
                folder.Write(file.SpecPath, Mutate(file.Text, random));
                mutants++;
            }

            var compilation = Compilation.Create(new WorkingTreeSource(folder.Path, folder.Path));
            Assert.All(compilation.Diagnostics, d => Assert.True(d.Path is not null, $"{run}: {d.Message}"));
        }

        Assert.True(mutants >= 400);
    }

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var index = random.Next(lines.Count);
            var line = lines[index];
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            switch (random.Next(6))
            {
                case 0 when colon > 0:
                    lines[index] = line[..(colon + 2)] + Replacements[random.Next(Replacements.Length)];
                    break;
                case 1:
                    lines.RemoveAt(index);
                    break;
                case 2:
                    lines.Insert(index, line);
                    break;
                case 3:
                    lines[index] = line[..random.Next(line.Length + 1)];
                    break;
                case 4:
                    lines[index] = "\t" + line.TrimStart();
                    break;
                default:
                    lines[index] = line.Replace("  ", " ");
                    break;
            }

            if (lines.Count == 0)
            {
                lines.Add(string.Empty);
            }
        }

        return string.Join('\n', lines);
    }
}
